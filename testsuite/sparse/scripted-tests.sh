#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The sparse engine's scripted tests (run by testsuite/sparse/run-tests):
# sparse's own warnings under --sparse equal those of plain sparse of the
# engine's version, exit statuses when sparse cannot check a file,
# Clang-only flags, Linux 7.2's kbuild accepting refguard check as its
# checker (scripts/checker-valid.sh), and the 6.12 kernel:
# `make C=2 CHECK="refguard check" mm/` reports every raw-set-count site
# and no frozen-state finding on mm/, fs/ext4/ and kernel/.
# RG_SKIP_KERNEL=1 skips the kernel tests.  Protocol: testsuite/run.

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
rg=${REFGUARD:-$top/refguard}
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; }
skip() { echo "SKIP: $1: $2"; }

inc="-I$top/testsuite/include -D__KERNEL__"
checkflags="-D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise
	-Wno-return-void -Wno-unknown-attribute -D__x86_64__ --arch=x86
	-mlittle-endian -m64"

# --sparse: sparse's warnings exactly as plain sparse of the engine's own
# version prints them (configure builds it from the same source as the
# library: config.mk's SPARSE_PLAIN), plus ours.
plain_sparse=${SPARSE_PLAIN:-$(sed -n 's|^SPARSE_PLAIN := ||p' "$top/config.mk" 2>/dev/null)}
if [ -x "$plain_sparse" ]; then
	f=$top/testsuite/check/sparse-decl.c
	"$plain_sparse" $checkflags $inc "$f" > "$tmp/plain" 2>&1
	"$rg" check --sparse $checkflags $inc "$f" > "$tmp/both" 2>&1; rc=$?
	grep -v '\[refguard-' "$tmp/both" > "$tmp/ours-sparse"
	if [ "$rc" != 0 ]; then
		fail "sparse-warnings-same" "rc=$rc: $(cat "$tmp/both")"
	elif ! cmp -s "$tmp/plain" "$tmp/ours-sparse"; then
		fail "sparse-warnings-same" "$(diff "$tmp/plain" "$tmp/ours-sparse")"
	elif ! grep -q 'refguard-raw-set-count' "$tmp/both"; then
		fail "sparse-warnings-same" "no refguard finding: $(cat "$tmp/both")"
	else
		pass "sparse-warnings-same"
	fi
	# without --sparse: only refguard's findings
	"$rg" check $checkflags $inc "$f" > "$tmp/only" 2>&1
	if grep -v '\[refguard-' "$tmp/only" | grep -q .; then
		fail "sparse-warnings-off" "$(cat "$tmp/only")"
	else
		pass "sparse-warnings-off"
	fi
	# A warning's info lines too: frz() is linearized twice (a freeze),
	# and its copy's warnings (the noderef one again) are held back; that
	# must not cost neg()'s warning, made at linearization, its info line
	# (sparse 0.6.5: "signed value source").
	cat > "$tmp/info.c" <<'EOF'
#include <linux/page_ref.h>

void frz(struct page *page, int __attribute__((noderef)) *q)
{
	int x = *q;

	if (page_ref_freeze(page, 1))
		page_ref_unfreeze(page, x);
}

int neg(int a)
{
	unsigned int u = a + 1;

	return u < 0;
}
EOF
	"$plain_sparse" $checkflags $inc "$tmp/info.c" > "$tmp/plain" 2>&1
	"$rg" check --sparse $checkflags $inc "$tmp/info.c" > "$tmp/both" 2>&1; rc=$?
	if [ "$rc" != 0 ]; then
		fail "sparse-warnings-info-lines" "rc=$rc: $(cat "$tmp/both")"
	elif ! grep -q 'info.c:[0-9]*:[0-9]*: [^w]' "$tmp/plain"; then
		fail "sparse-warnings-info-lines" "plain sparse printed no info line: $(cat "$tmp/plain")"
	elif ! cmp -s "$tmp/plain" "$tmp/both"; then
		fail "sparse-warnings-info-lines" "$(diff "$tmp/plain" "$tmp/both")"
	else
		pass "sparse-warnings-info-lines"
	fi
else
	# configure always builds it: its absence is a broken set-up.
	fail "sparse-warnings-same" "no plain sparse '$plain_sparse' (config.mk's SPARSE_PLAIN: run ./configure)"
	fail "sparse-warnings-off" "no plain sparse to compare with"
	fail "sparse-warnings-info-lines" "no plain sparse to compare with"
fi

# sparse stops on a missing header (it calls exit()): could not check, 2.
printf '#include <no/such/header.h>\nint x;\n' > "$tmp/fatal.c"
out=$("$rg" check --fatal $inc "$tmp/fatal.c" 2>&1); rc=$?
[ "$rc" = 2 ] && printf '%s\n' "$out" | grep -q 'not checked' &&
	pass "fatal-sparse-error-exit-2" || fail "fatal-sparse-error-exit-2" "rc=$rc: $out"

# An error sparse reports and goes on from: the file is not fully checked.
printf 'void f(void) { int x = ; }\n' > "$tmp/error.c"
out=$("$rg" check $inc "$tmp/error.c" 2>&1); rc=$?
[ "$rc" = 2 ] && pass "sparse-error-exit-2" || fail "sparse-error-exit-2" "rc=$rc: $out"

# Code sparse (0.6.4 and 0.6.5) rejects and gcc takes (6.12's mm/memory.c has one):
# the plugin checks the file instead, so C=1 goes on and nothing is lost.
printf '#include <linux/mm.h>\nvoid f(struct page *p, int c)\n{\n\tc ? (void)0 : 1;\n\tset_page_count(p, 1);\n}\n' > "$tmp/fallback.c"
out=$("$rg" check --fatal $inc "$tmp/fallback.c" 2>&1); rc=$?
[ "$rc" = 1 ] && printf '%s\n' "$out" | grep -q 'fallback.c:5:.*refguard-raw-set-count' &&
	! printf '%s\n' "$out" | grep -q 'error' &&
	pass "gcc-fallback" || fail "gcc-fallback" "rc=$rc: $out"
out=$(REFGUARD_CC=/bin/true "$rg" check $inc "$tmp/fallback.c" 2>&1); rc=$?
[ "$rc" = 2 ] && printf '%s\n' "$out" | grep -q 'incompatible types' &&
	pass "gcc-fallback-fails-exit-2" || fail "gcc-fallback-fails-exit-2" "rc=$rc: $out"

# What kbuild passes for an LLVM=1 build does not stop the check.
clangflags="--target=x86_64-linux-gnu -mno-global-merge -fno-integrated-as
	-Qunused-arguments -mretpoline-external-thunk -fstrict-flex-arrays=3
	-fsanitize=kcfi -flto=thin -fno-stack-clash-protection"
out=$("$rg" check --fatal $checkflags -Wp,-MMD,"$tmp/.d" $inc $clangflags \
	"$top/testsuite/check/raw-set.c" 2>&1); rc=$?
if [ "$rc" = 1 ] && printf '%s\n' "$out" | grep -q 'raw-set.c:7:.*refguard-raw-set-count'; then
	pass "clang-flags"
else
	fail "clang-flags" "rc=$rc: $out"
fi

# --engine=gcc still works, for cross-checks; an unknown engine is a usage error.
out=$("$rg" check --engine=gcc --fatal $checkflags -Wp,-MMD,"$tmp/.d" $inc \
	"$top/testsuite/check/raw-set.c" 2>&1); rc=$?
[ "$rc" = 1 ] && pass "engine-gcc" || fail "engine-gcc" "rc=$rc: $out"
out=$("$rg" check --engine=nope $inc "$top/testsuite/check/raw-set.c" 2>&1); rc=$?
[ "$rc" = 2 ] && pass "engine-unknown" || fail "engine-unknown" "rc=$rc: $out"

# GNU C nested functions are functions of their own: a frozen-state bug
# in one is a finding (exit 1 under --fatal), with --sparse too.
nested=$top/testsuite/rules/frozen-arith/nested.c
for opt in "" --sparse; do
	out=$("$rg" check --fatal $opt $checkflags $inc "$nested" 2>&1); rc=$?
	if [ "$rc" = 1 ] && printf '%s\n' "$out" | grep -q 'frozen-arith/nested.c:14:.*refguard-frozen-arith' &&
	   printf '%s\n' "$out" | grep -q 'frozen-arith/nested.c:42:.*refguard-frozen-arith'; then
		pass "nested-function${opt:+-sparse}"
	else
		fail "nested-function${opt:+-sparse}" "rc=$rc: $out"
	fi
done
# Every definition the parse made is accounted for: with the road to
# nested functions taken away, they are unchecked by the sparse engine,
# not silently clean, so check hands them to the plugin, which checks them
# (the findings, exit 1); with no gcc to fall back on, exit 2 below.
out=$(REFGUARD_TEST_SKIP_NESTED=1 "$rg" check --fatal $checkflags $inc "$nested" 2>&1); rc=$?
if [ "$rc" = 1 ] && printf '%s\n' "$out" | grep -q 'frozen-arith/nested.c:14:.*refguard-frozen-arith' &&
   ! printf '%s\n' "$out" | grep -q 'not checked'; then
	pass "unanalysed-definition-fallback"
else
	fail "unanalysed-definition-fallback" "rc=$rc: $out"
fi
out=$(REFGUARD_TEST_SKIP_NESTED=1 REFGUARD_CC=/bin/true "$rg" check --format=json \
      $checkflags $inc "$nested" 2>&1); rc=$?
if [ "$rc" = 2 ] && printf '%s\n' "$out" | grep -q '"function": *"nf_inner".*did not analyse'; then
	pass "unanalysed-definition-reason"
else
	fail "unanalysed-definition-reason" "rc=$rc: $out"
fi

# _Generic choosing the API: found (exit 1 under --fatal).
out=$("$rg" check --fatal $checkflags $inc "$here/generic.c" 2>&1); rc=$?
if [ "$rc" = 1 ] && printf '%s\n' "$out" | grep -q 'generic.c:63:.*refguard-frozen-arith'; then
	pass "generic-fatal"
else
	fail "generic-fatal" "rc=$rc: $out"
fi

# The same findings, files, lines, columns, notes and fix-its from both
# engines (JSON of refguard check on stdin files $1 and $2).
same_findings() {
	python3 - "$1" "$2" <<'PY'
import json, sys
def load(path):
    text = open(path).read()
    return [{k: v for k, v in f.items() if k != "engine"}
            for f in json.loads(text[text.index("{"):])["findings"]]
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    print("sparse: %s\nplugin: %s" % (a, b))
    sys.exit(1)
if not a or any(f["file"].endswith((".i", "page_ref.h", "mm_types.h")) and
                f["function"] != "ld_renamed" for f in a):
    print("findings: %s" % a)
    sys.exit(1)
PY
}

# Preprocessed input (gcc -E: linemarkers name every file and line): the
# findings of the original source's files and lines, none in the exempt
# helpers, as the plugin has them (distcc, icecc and ccache hand checkers
# .i files).
for src in testsuite/rules/raw-set-count/constants.c testsuite/rules/frozen-arith/cases.c \
	   testsuite/rules/direct-refcount/folio.c testsuite/sparse/generic.c \
	   testsuite/plugin/line-directive.c testsuite/sparse/macro-calls.c; do
	name=preprocessed-$(basename "$src" .c)
	if ! (cd "$top" && gcc -E $inc "$src" -o "$tmp/$name.i") 2>"$tmp/err"; then
		fail "$name" "gcc -E: $(cat "$tmp/err")"
		continue
	fi
	(cd "$top" && "$rg" check --format=json $checkflags "$tmp/$name.i") 2>"$tmp/s.json"; rc1=$?
	(cd "$top" && "$rg" check --engine=gcc --format=json "$tmp/$name.i") 2>"$tmp/g.json"; rc2=$?
	if [ $rc1 = 0 ] && [ $rc2 = 0 ] && out=$(same_findings "$tmp/s.json" "$tmp/g.json"); then
		pass "$name"
	else
		fail "$name" "rc=$rc1/$rc2: $out"
	fi
done

# #line and linemarkers in a source file: both engines report where they
# say, and exempt only what a linemarker entered.
src=testsuite/check/line-directives.c
(cd "$top" && "$rg" check --format=json $checkflags $inc "$src") 2>"$tmp/s.json"; rc1=$?
(cd "$top" && "$rg" check --engine=gcc --format=json $inc "$src") 2>"$tmp/g.json"; rc2=$?
if [ $rc1 = 0 ] && [ $rc2 = 0 ] && out=$(same_findings "$tmp/s.json" "$tmp/g.json") &&
   [ "$(grep -o '"file":"[^"]*","line":[0-9]*' "$tmp/s.json" | tr '\n' ' ')" = \
     '"file":"include/linux/page_ref.h","line":102 "file":"testsuite/check/line-directives.c","line":18 ' ]; then
	pass "line-directives"
else
	fail "line-directives" "rc=$rc1/$rc2: $out $(cat "$tmp/s.json")"
fi

# Linux 7.x's kbuild validates $(CHECK) before using it: its top Makefile
# runs `$(srctree)/scripts/checker-valid.sh $(CHECK) $(CHECKFLAGS)` in a
# $(shell), which runs the checker on a small file using
# __typeof_unqual__ and prints 1 only if the output holds no "error";
# otherwise kbuild warns "C=1 specified, but ... is not available or not
# up to date" and sets KBUILD_CHECKSRC=0, so `make C=1 CHECK="refguard
# check"` would check nothing.  Run the 7.2 tree's script as kbuild does
# (executed directly, CHECK's words split, x86_64's CHECKFLAGS), and
# refguard check on its file, which must be checked cleanly (exit 0,
# silent): a checker that fails to parse it and says so without the word
# "error" would pass the script and still check nothing.
if [ -n "$RG_SKIP_KERNEL" ]; then
	skip "kernel72-checker-valid" "RG_SKIP_KERNEL set"
elif ! k72=$(REFGUARD_KERNEL=7.2 "$top/scripts/kernel.sh" src 2>"$tmp/k72.err"); then
	skip "kernel72-checker-valid" "no 7.2 tree: $(tail -n 1 "$tmp/k72.err")"
elif [ ! -x "$k72/scripts/checker-valid.sh" ]; then
	skip "kernel72-checker-valid" "$k72 has no scripts/checker-valid.sh (not a 7.x tree)"
else
	valid=$(cd "$tmp" && "$k72/scripts/checker-valid.sh" "$rg" check $checkflags 2>&1)
	sed -n '/^cat << EOF/,/^EOF$/p' "$k72/scripts/checker-valid.sh" | sed '1d;$d' > "$tmp/valid.c"
	out=$("$rg" check $checkflags "$tmp/valid.c" 2>&1); rc=$?
	if [ "$valid" != 1 ]; then
		fail "kernel72-checker-valid" "kbuild's checker-valid.sh printed '$valid', not 1: kbuild would turn C=1 off"
	elif ! grep -q __typeof_unqual__ "$tmp/valid.c"; then
		fail "kernel72-checker-valid" "no __typeof_unqual__ test file in $k72/scripts/checker-valid.sh"
	elif [ "$rc" != 0 ] || [ -n "$out" ]; then
		fail "kernel72-checker-valid" "refguard check on its file: rc=$rc: $out"
	else
		pass "kernel72-checker-valid"
	fi
fi

[ -n "$RG_SKIP_KERNEL" ] && { skip "kernel" "RG_SKIP_KERNEL set"; exit 0; }
exec "$here/kernel-tests.sh"
