# SPDX-License-Identifier: GPL-2.0
#
# Sourced by run-tests: roles read from their definitions (issue 18, item
# 4).  A copy of the 6.12 tree's page_ref.h, page-flags.h and mm.h with
# the series' v4 names (testsuite/helpers' ports), then after-v4.patch:
# folio_init_count(), page_is_frozen()/folio_is_frozen(), folio_set_count()
# and its caller in mm/memremap.c still there.  Again with every helper
# renamed to a name no table has, so what is tested is the
# classification, not a lookup.  helpers, fix, the plugin and `refguard
# check` with both engines must all take the roles from the definitions.

hp=$top/testsuite/helpers
sp=$top/testsuite/spellings
cc=${REFGUARD_CC:-gcc}

# mkdefs NAME SED: the tree, its page_ref.h renamed by SED (may be empty).
mkdefs() {
	d=$work/$1
	mkdir -p "$d/include/linux" "$d/mm" &&
	cp "$pristine/include/linux/page_ref.h" "$pristine/include/linux/page-flags.h" \
	   "$pristine/include/linux/mm.h" "$d/include/linux/" &&
	cp "$pristine/mm/memremap.c" "$d/mm/" || return 1
	for p in "$hp/frozen-bit.patch" "$hp/frozen-bit-fixed.patch" "$hp/spellings/v3.patch" \
		 "$hp/spellings/v4.patch" "$sp/after-v4.patch"; do
		(cd "$d" && patch -s -p1 -F0 --no-backup-if-mismatch) < "$p" > "$work/patch.out" 2>&1 ||
			{ cat "$work/patch.out"; return 1; }
	done
	[ -z "$2" ] || sed -i -e "$2" "$d/include/linux/page_ref.h"
	printf '// SPDX-License-Identifier: GPL-2.0\nvoid fresh(struct page *page)\n{\n\tset_page_count(page, 0);\n}\n' > "$d/mm/fresh.c"
}

# defs TAG TREE FI FS INIT TRY PF FPF: every engine on TREE, whose folio
# init is FI, frozen setter FS, init INIT, speculative get TRY and
# predicates PF and FPF.
defs() {
	tag=$1 d=$2 fi=$3 fs=$4 init=$5 try=$6 pf=$7 fpf=$8
	# helpers: the roles, said on stderr and in the table; spec passes.
	timeout -k 10 900 "$refguard" helpers --kernel "$d" --only spec > "$work/$tag-helpers.out" 2>&1
	st=$?
	sed -n 's/^  \([a-z ]*[a-z]\)  *\(.*\)/\1: \2/p' "$work/$tag-helpers.out" > "$work/$tag-roles"
	if [ $st = 0 ] && grep -q '^spec: 19 tests run, 19 passed, 0 failed$' "$work/$tag-helpers.out" &&
	   grep -qx "folio init: $fi() (its definition)" "$work/$tag-roles" &&
	   grep -Eq "^frozen predicate: .*$pf\\(\\) \\(its definition\\)" "$work/$tag-roles" &&
	   grep -qx "folio frozen predicate: $fpf() (its definition)" "$work/$tag-roles" &&
	   grep -q "^refguard: $fi(): folio init, from its definition (include/linux/page_ref.h:[0-9]*)$" \
		"$work/$tag-helpers.out"; then
		pass "$tag-helpers"
	else
		cat "$work/$tag-helpers.out"
		fail "$tag-helpers" "status $st; $fi() not named as the folio init from its definition"
	fi
	if [ "$tag" = madeup ]; then
		if grep -qx "frozen setter: $fs() (its definition)" "$work/$tag-roles" &&
		   grep -qx "init: $init() (its definition)" "$work/$tag-roles" &&
		   grep -qx "speculative get: $try() (its definition)" "$work/$tag-roles"; then
			pass "$tag-helpers-every-role"
		else
			cat "$work/$tag-roles"
			fail "$tag-helpers-every-role" "not every renamed role was read from its definition"
		fi
	fi

	# fix: folio_set_count(F, 1) -> FI(F), no init_folio_count() added.
	"$refguard" fix --kernel "$d" > "$work/$tag.diff" 2> "$work/$tag.err"; st=$?
	expect "$tag-fix-folio-init" "$work/$tag.diff" "^\\+		$fi\\(folio\\);"
	expect "$tag-fix-frozen-setter" "$work/$tag.diff" "^\\+	$fs\\(page\\);"
	expect "$tag-fix-init" "$work/$tag.diff" "^\\+	$init\\(page\\);"
	reject "$tag-fix-adds-nothing" "$work/$tag.diff" 'init_folio_count|^\+static inline|set_page_count_as_frozen'
	expect "$tag-fix-says" "$work/$tag.err" "^refguard: $fi\\(\\): folio init, from its definition"
	if [ $st = 1 ]; then pass "$tag-fix-status"; else fail "$tag-fix-status" "exit $st, expected 1"; fi
	# fix --series: the same rewrite, and no patch adding a helper.
	cp "$pristine/MAINTAINERS" "$d/" &&
	"$refguard" fix --kernel "$d" --series "$work/$tag-series" > /dev/null 2> "$work/$tag-series.err"
	st=$?
	if [ $st = 0 ] && cat "$work/$tag-series"/0*.patch > "$work/$tag-series.all" 2> /dev/null &&
	   grep -Eq "^\+		$fi\(folio\);" "$work/$tag-series.all" &&
	   ! grep -Eq '^\+.*init_folio_count|^Subject: .*mm: add' "$work/$tag-series.all"; then
		pass "$tag-fix-series"
	else
		cat "$work/$tag-series.err"; fail "$tag-fix-series" "exit $st; no $fi(folio) in the series, or a helper added"
	fi

	# The plugin and `refguard check`, on a unit including the tree's header.
	mkdir -p "$work/$tag-inc"
	grep -h '#define.*PAGEREF' "$d/include/linux/page-flags.h" > "$work/$tag-inc/rg-tree-page-flags.h"
	cat > "$work/$tag-u.c" <<EOF
// SPDX-License-Identifier: GPL-2.0
#include RG_PAGE_REF_H

void a(struct folio *folio)
{
	folio_set_count(folio, 1);
}

void b(struct page *page)
{
	if (!$pf(page))
		return;
	page_ref_inc(page);
}

void c(struct folio *folio)
{
	if ($fpf(folio))
		return;
	folio_ref_inc(folio);
}
EOF
	hdr="-DRG_PAGE_REF_H=\"$d/include/linux/page_ref.h\""
	set -- -D_GNU_SOURCE -include linux/kconfig.h "-I$top/helpers/shim" "-I$work/$tag-inc" "$hdr"
	(cd "$work" && $cc -fplugin="$top/plugin/refguard.so" "$@" -fdiagnostics-parseable-fixits \
		-O2 -S -o /dev/null "$tag-u.c") > "$work/$tag-gcc.out" 2>&1
	expect "$tag-plugin-suggests" "$work/$tag-gcc.out" \
		"$tag-u.c:6:9: warning: .*use .$fi. \\[refguard-raw-set-count\\]"
	expect "$tag-plugin-fixit" "$work/$tag-gcc.out" "^fix-it:\"$tag-u.c\":\\{6:2-6:27\\}:\"$fi\\(folio\\)\""
	expect "$tag-plugin-says" "$work/$tag-gcc.out" "^refguard: $fi\\(\\): folio init, from its definition"
	for engine in sparse gcc; do
		(cd "$work" && "$refguard" check --engine=$engine "$@" "$tag-u.c") \
			> "$work/$tag-check-$engine.out" 2>&1
		expect "$tag-check-$engine-suggests" "$work/$tag-check-$engine.out" \
			"$tag-u.c:6:9: warning: .*use .$fi. \\[refguard-raw-set-count\\]"
	done
	# Preprocessed (gcc -E): both engines find the header by its linemarkers.
	(cd "$work" && $cc -E "$@" "$tag-u.c" > "$tag-u.i" &&
	 "$refguard" check "$tag-u.i" > "$tag-i-sparse.out" 2>&1 &&
	 $cc -fplugin="$top/plugin/refguard.so" -O2 -S -o /dev/null "$tag-u.i" > "$tag-i-gcc.out" 2>&1)
	expect "$tag-check-preprocessed" "$work/$tag-i-sparse.out" \
		"$tag-u.c:6:9: warning: .*use .$fi. \\[refguard-raw-set-count\\]"
	expect "$tag-plugin-preprocessed" "$work/$tag-i-gcc.out" \
		"$tag-u.c:6:9: warning: .*use .$fi. \\[refguard-raw-set-count\\]"
	# The predicates are tests: frozen after !PF, live after FPF.
	for out in gcc check-sparse check-gcc; do
		n=$(grep -c 'refguard-frozen-arith' "$work/$tag-$out.out")
		if grep -q "$tag-u.c:13:9: warning: .*page_ref_inc.* \\[refguard-frozen-arith\\]" \
			"$work/$tag-$out.out" && [ "$n" = 1 ]; then
			pass "$tag-predicate-$out"
		else
			cat "$work/$tag-$out.out"
			fail "$tag-predicate-$out" "expected one frozen-arith, at line 13 ($n)"
		fi
	done
}

if [ -n "$RG_SKIP_KERNEL" ]; then
	echo "SKIP: from-definitions: RG_SKIP_KERNEL set (make check QUICK=1): needs the 6.12 tree's page_ref.h"
elif ! pristine=$("$top/scripts/kernel.sh" src 2> "$work/kernel.err"); then
	fail from-definitions "no kernel tree: $(tail -n 1 "$work/kernel.err")"
else
	if mkdefs after-v4 ''; then
		defs after-v4 "$work/after-v4" folio_init_count set_page_count_frozen \
		     set_page_count_init page_ref_add_unless_frozen page_is_frozen folio_is_frozen
	else
		fail after-v4-tree "the patches do not apply with -F0"
	fi
	if mkdefs madeup 's/folio_init_count/folio_refs_begin/g; s/set_page_count_frozen/page_count_ice/g; s/set_page_count_init/page_refs_begin/g; s/page_ref_add_unless_frozen/page_ref_get_unless_iced/g; s/folio_ref_add_unless_frozen/folio_ref_get_unless_iced/g; s/page_is_frozen/page_is_iced/g; s/folio_is_frozen/folio_is_iced/g'; then
		defs madeup "$work/madeup" folio_refs_begin page_count_ice page_refs_begin \
		     page_ref_get_unless_iced page_is_iced folio_is_iced
	else
		fail madeup-tree "the patches do not apply with -F0"
	fi
fi
