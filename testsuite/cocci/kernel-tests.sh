# SPDX-License-Identifier: GPL-2.0
# Sourced by run-tests: the real Linux 6.12 tree (scripts/kernel.sh src).

[ -n "$RG_SKIP_KERNEL" ] || ksrc=$("$top/scripts/kernel.sh" src 2>/dev/null)
if [ -n "$RG_SKIP_KERNEL" ]; then
	for t in kernel-report-fs kernel-fix-sites kernel-fix-build; do
		echo "SKIP: $t: RG_SKIP_KERNEL set (make check QUICK=1)"
	done
	return 0
elif [ -z "$ksrc" ]; then
	for t in kernel-report-fs kernel-fix-sites kernel-fix-build; do
		echo "SKIP: $t: no kernel tree (Debian: linux-source-6.12)"
	done
	return 0
fi

# Direct value reads in fs/ are found; the address-only wait keys on the
# line before each are not.
"$REFGUARD" report --format json fs > "$tmp/fs.json" 2>"$tmp/err"
st=$?
# the expected sites, by statement (testsuite/lib/linux-*.sites)
"$top/testsuite/lib/kernel-sites" "$ksrc" --under fs/ --format json > "$tmp/fs.want" 2>>"$tmp/err"
if [ $st = 1 ] && python3 - "$tmp/fs.json" "$tmp/fs.want" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["unchecked"] == [], d["unchecked"]
got = sorted((f["file"], f["line"], f["rule"], f["fix"]) for f in d["findings"])
want = sorted((s["file"], s["line"], s["rule"], s["new"]) for s in json.load(open(sys.argv[2])))
assert want and got == want, (got, want)
PY
then pass kernel-report-fs; else fail kernel-report-fs "exit $st: $(cat "$tmp/fs.json" "$tmp/err")"; fi

# The whole-tree rewrite: exactly these sites, nothing else but the helpers.
"$REFGUARD" fix > "$tmp/k.diff" 2>"$tmp/err"
st=$?
python3 - "$tmp/k.diff" > "$tmp/sites" <<'PY'
import re, sys
file = None
for line in open(sys.argv[1]):
    if line.startswith("+++ b/"):
        file = line[6:].strip()
    elif file == "include/linux/page_ref.h":
        continue   # the added helpers, checked below
    elif line.startswith("@@"):
        old = int(re.match(r"@@ -(\d+)", line).group(1))
    elif line.startswith("-") and not line.startswith("---"):
        print("%s:%d: %s" % (file, old, line[1:].strip()), end=" -> ")
        old += 1
    elif line.startswith("+") and not line.startswith("+++"):
        print(line[1:].strip())
    elif line.startswith(" "):
        old += 1
PY
"$top/testsuite/lib/kernel-sites" "$ksrc" --format diff > "$tmp/want" 2>>"$tmp/err" ||
	: > "$tmp/want"
sort "$tmp/sites" > "$tmp/got"
sort "$tmp/want" -o "$tmp/want"
helpers=$(sed -n '/^+++ b\/include\/linux\/page_ref.h/,/^diff /p' "$tmp/k.diff" | grep '^+static' | tr '\n' ' ')
if [ $st = 1 ] && [ -s "$tmp/want" ] && cmp -s "$tmp/got" "$tmp/want" &&
   [ "$helpers" = "+static inline void set_page_count_as_frozen(struct page *page) +static inline void init_folio_count(struct folio *folio) " ]; then
	pass kernel-fix-sites
else
	fail kernel-fix-sites "exit $st; helpers: $helpers; $(diff "$tmp/want" "$tmp/got") $(cat "$tmp/err")"
fi

# Bugs seeded into real 6.12 code (kernel-seeded.patch): Coccinelle (under
# refguard report and under the kernel's make coccicheck), and the plugin
# building the seeded objects, all report exactly the lines
# marked "refguard-seed: frozen-arith" (so not the "clean" ones) and no
# unfreeze-unfrozen.
seeded=$top/build/cocci-seeded
sfiles=$(sed -n 's|^+++ b/||p' "$here/kernel-seeded.patch")
rm -rf "$seeded"
cp -al "$ksrc" "$seeded"
if ! patch -s -p1 -d "$seeded" < "$here/kernel-seeded.patch" > "$tmp/seed.log" 2>&1 ||
   [ "$(stat -c %h "$seeded/mm/vmscan.c")" != 1 ]; then
	fail kernel-seeded-cocci "patch failed or wrote through a hard link: $(cat "$tmp/seed.log")"
	fail kernel-seeded-coccicheck "no seeded tree"
	fail kernel-seeded-plugin "no seeded tree"
else
	(cd "$seeded" && grep -n "refguard-seed: frozen-arith" $sfiles) |
		sed 's|^\([^:]*:[0-9]*\):.*|\1:frozen-arith|' | sort > "$tmp/seed.want"
	(cd "$seeded" && "$REFGUARD" report --kernel . --rule frozen-arith --rule unfreeze-unfrozen $sfiles) 2>"$tmp/err" |
		sed -n 's|^\([^:]*:[0-9]*\):[0-9]*: warning: .*\[refguard-\([a-z-]*\)\]$|\1:\2|p' |
		sort -u > "$tmp/seed.cocci"
	if [ -s "$tmp/seed.want" ] && cmp -s "$tmp/seed.want" "$tmp/seed.cocci"; then
		pass kernel-seeded-cocci
	else
		fail kernel-seeded-cocci "$(diff "$tmp/seed.want" "$tmp/seed.cocci" | tr '\n' ' ') $(cat "$tmp/err")"
	fi
	# The same through the kernel's own coccicheck, as a maintainer runs it.
	make -s -C "$seeded" coccicheck MODE=report COCCI="$top/cocci/frozen-arith.cocci" \
		M=mm/ J=2 > "$tmp/scc.log" 2>&1
	sed -n 's|^\(mm/[^:]*:[0-9]*\):[0-9]*: warning: .*\[refguard-\([a-z-]*\)\]$|\1:\2|p' \
		"$tmp/scc.log" | sort -u > "$tmp/seed.scc"
	if [ -s "$tmp/seed.want" ] && cmp -s "$tmp/seed.want" "$tmp/seed.scc"; then
		pass kernel-seeded-coccicheck
	else
		fail kernel-seeded-coccicheck "$(diff "$tmp/seed.want" "$tmp/seed.scc" | tr '\n' ' ') $(grep -iE 'error|fatal' "$tmp/scc.log" | head -5)"
	fi
	plugin=$top/plugin/refguard.so
	sobj=$("$top/scripts/kernel.sh" obj cocci-seededobj "$seeded" 2>"$tmp/obj.log")
	objs=$(echo "$sfiles" | sed 's/\.c$/.o/')
	if [ ! -f "$plugin" ]; then
		echo "SKIP: kernel-seeded-plugin: no $plugin (make)"
	elif [ -z "$sobj" ]; then
		fail kernel-seeded-plugin "could not configure: $(tail -5 "$tmp/obj.log")"
	else
		(cd "$sobj" && rm -f $objs)
		make -s -C "$seeded" O="$sobj" -j2 -k $objs \
			KCFLAGS="-fplugin=$plugin -Wno-error" > "$tmp/sbuild.log" 2>&1
		st=$?
		sed -n 's|^.*/\(mm/[^:]*\):\([0-9]*\):[0-9]*: warning: .*\[refguard-\([a-z-]*\)\]$|\1:\2:\3|p' \
			"$tmp/sbuild.log" | grep -E ':(frozen-arith|unfreeze-unfrozen)$' |
			sort -u > "$tmp/seed.plugin"
		if [ $st = 0 ] && cmp -s "$tmp/seed.want" "$tmp/seed.plugin"; then
			pass kernel-seeded-plugin
		else
			fail kernel-seeded-plugin "make exit $st; $(diff "$tmp/seed.want" "$tmp/seed.plugin" | tr '\n' ' ') $(grep -E 'error|Error' "$tmp/sbuild.log" | head -5)"
		fi
	fi
fi

# The patched tree builds with the kernel's own build: every mm/ unit
# whose .c the rewrite changes (the configuration builds every mm/ user
# of the API), fs/ext4/inode.o, and mm/swap.o, which the rewrite leaves
# alone, for the headers: gcc type-checks every static inline of a header
# a unit includes, used or not, so a unit that includes page_ref.h and
# mm/internal.h compiles all the rewrite does there.  All of mm/ took 100
# units and about 1.5 CPU-minutes more to prove nothing else.
if [ "${RG_SKIP_BUILD:-0}" = 1 ]; then
	echo "SKIP: kernel-fix-build: RG_SKIP_BUILD=1"
	return 0
fi
copy=$top/build/cocci-fixtree
rm -rf "$copy"
cp -al "$ksrc" "$copy"
probe=mm/page_alloc.c
if ! patch -s -p1 -d "$copy" < "$tmp/k.diff" > "$tmp/patch.log" 2>&1; then
	fail kernel-fix-build "patch failed: $(cat "$tmp/patch.log")"
elif [ "$(stat -c %h "$copy/$probe")" != 1 ] ||
     ! grep -q 'set_page_count(page, PAGE_FRAG_CACHE_MAX_SIZE + 1)' "$ksrc/$probe"; then
	fail kernel-fix-build "patch wrote through a hard link into $ksrc"
else
	obj=$("$top/scripts/kernel.sh" obj cocci-fixobj "$copy" 2>"$tmp/obj.log")
	if [ -z "$obj" ]; then
		fail kernel-fix-build "could not configure: $(tail -5 "$tmp/obj.log")"
	elif units="$(sed -n 's|^+++ b/\(mm/[^\t]*\)\.c\([\t].*\)*$|\1.o|p' "$tmp/k.diff" | tr '\n' ' ')fs/ext4/inode.o mm/swap.o" &&
	     (cd "$obj" && rm -f $units) &&
	     make -s -C "$copy" O="$obj" -j2 $units > "$tmp/build.log" 2>&1; then
		pass kernel-fix-build
	else
		fail kernel-fix-build "$(grep -E 'error|Error' "$tmp/build.log" | head -20)"
	fi
fi
