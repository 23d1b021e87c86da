#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The sparse engine on the 6.12 tree, as kernel developers run it:
#
#   kernel-C2-mm            make C=2 CHECK="refguard check" mm/ reports
#                           every raw-set-count site of mm/ (the plugin's
#                           list), the page_frag refill with the
#                           page_ref_unfreeze() rewrite, and exits 0
#   kernel-C2-no-frozen     no frozen-arith or unfreeze-unfrozen finding on
#                           mm/, fs/ext4/ and kernel/ (6.12 has no such bug:
#                           any would be a false positive), and no file
#                           left unchecked
#   kernel-seeded           the frozen-page bugs testsuite/cocci seeds into
#                           6.12 mm/ (kernel-seeded.patch: past gotos,
#                           continues, stored results, &dst->page aliases,
#                           and clean look-alikes): exactly the seeded
#                           lines, the same the plugin and Coccinelle
#                           report; each seeded file is checked with the
#                           argv kbuild gives $(CHECK) for the original
#                           (the patch touches no header)
#   kernel-C2-mm-sparse-warnings
#                           make C=2 CHECK="refguard check --sparse" mm/
#                           prints exactly the warnings of plain sparse of
#                           the engine's version (sorted: -j runs files in
#                           parallel) besides its findings
#
# The object directory is build/check-mm (shared with gate, check,
# flow-kernel, plugin-kernel and install, all building with
# testsuite/lib/kernel-kcflags), configured by scripts/kernel.sh; its
# objects are built untimed first, when no other suite has, so C=2 then
# only runs the checker.
# The same under a Clang build: testsuite/sparse-llvm.
# Environment: JOBS (default 2), SPARSE_KERNEL_DIRS (default
# "mm/ fs/ext4/ kernel/").  Protocol: testsuite/run.

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
rg=${REFGUARD:-$top/refguard}
jobs=${JOBS:-2}
dirs=${SPARSE_KERNEL_DIRS:-mm/ fs/ext4/ kernel/}
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; }
skip() { echo "SKIP: $1: $2"; }

if ! obj=$("$top/scripts/kernel.sh" obj check-mm 2>"$tmp/kernel.err"); then
	for t in kernel-C2-mm kernel-C2-no-frozen; do
		skip "$t" "no configured 6.12 tree: $(tail -n 1 "$tmp/kernel.err")"
	done
	exit 0
fi
# one suite builds in check-mm at a time (scripts/kernel.sh obj), every
# one with the same KCFLAGS, so that its objects stay valid between them
kcflags=$("$top/testsuite/lib/kernel-kcflags") || exit 1
exec 9> "$obj.lock" && flock 9
# scripts/kernel.sh stamps "<tree> CC=<compiler>" (or LLVM=<suffix>): kbuild needs the same.
read -r src kcc < "$obj/.refguard-prepared"
# Private copies: the checkout may be rebuilt while the kernel is checked.
cp "$rg" "$tmp/refguard" && rg=$tmp/refguard
plugin=${REFGUARD_PLUGIN:-$top/plugin/refguard.so}
[ -f "$plugin" ] && cp "$plugin" "$tmp/refguard.so" && export REFGUARD_PLUGIN=$tmp/refguard.so

if ! make -s -C "$src" O="$obj" "$kcc" KCFLAGS="$kcflags" -j"$jobs" $dirs >"$tmp/build.log" 2>&1; then
	fail "kernel-C2-mm" "make $dirs failed: $(grep -m 3 error "$tmp/build.log")"
	exit 0
fi
# the checker's lines, told apart from the plugin's if C=2 compiled a unit
check="$top/testsuite/lib/tagged-check $rg check"
start=$(date +%s)
make -s -C "$src" O="$obj" "$kcc" KCFLAGS="$kcflags" -j"$jobs" C=2 CHECK="$check" $dirs >"$tmp/c2.log" 2>&1
status=$?
echo "kernel: make C=2 $dirs with refguard check: $(( $(date +%s) - start )) s," \
     "$(grep -c '^CHECK: .*\[refguard-' "$tmp/c2.log") findings"

# The tree's mm/ raw-set-count sites, by statement (testsuite/lib/linux-*.sites).
sites=$("$top/testsuite/lib/kernel-sites" "$src" --under mm/ --rule raw-set-count 2>"$tmp/sites.err")
frag=$("$top/testsuite/lib/kernel-sites" "$src" --function __page_frag_alloc_align 2>>"$tmp/sites.err")
missing=
for site in $sites; do
	grep -q "^CHECK: .*$site:[0-9]*: warning: .*\[refguard-raw-set-count\]" "$tmp/c2.log" ||
		missing="$missing $site"
done
if [ -z "$sites" ] || [ -z "$frag" ]; then
	fail "kernel-C2-mm" "the expected sites do not resolve: $(cat "$tmp/sites.err")"
elif [ "$status" != 0 ]; then
	fail "kernel-C2-mm" "make exited $status: $(grep -e 'not checked' -e 'could not' -e 'rror' "$tmp/c2.log" | head -n 8)"
elif [ -n "$missing" ]; then
	fail "kernel-C2-mm" "not reported:$missing"
elif ! grep -q "^CHECK: .*$frag:[0-9]*: warning: .*use 'page_ref_unfreeze' \[refguard-raw-set-count\]" "$tmp/c2.log"; then
	fail "kernel-C2-mm" "the page_frag refill has no page_ref_unfreeze rewrite"
else
	pass "kernel-C2-mm"
fi

frozen=$(grep -E '\[refguard-(frozen-arith|unfreeze-unfrozen)\]' "$tmp/c2.log")
unchecked=$(grep -e 'not checked' -e 'could not check' "$tmp/c2.log")
if [ -n "$frozen" ]; then
	fail "kernel-C2-no-frozen" "$(printf '%s\n' "$frozen" | head -n 5)"
elif [ -n "$unchecked" ]; then
	fail "kernel-C2-no-frozen" "unchecked: $(printf '%s\n' "$unchecked" | head -n 5)"
else
	pass "kernel-C2-no-frozen"
fi

# The seeded bugs: kbuild's $(CHECK) argv for each original file, the
# seeded copy in its place.
seedpatch=$top/testsuite/cocci/kernel-seeded.patch
seeded=$tmp/seeded
sfiles=$(sed -n 's|^+++ b/||p' "$seedpatch")
mkdir -p "$seeded"
(cd "$src" && cp --parents $sfiles "$seeded") &&
	patch -s -p1 -d "$seeded" < "$seedpatch" >"$tmp/seed.log" 2>&1 ||
	fail "kernel-seeded" "the seeds do not apply: $(cat "$tmp/seed.log")"
cat > "$tmp/argv.sh" <<'EOS'
#!/bin/sh
for a; do printf '%s\0' "$a"; done > "$ARGV_OUT"
EOS
chmod +x "$tmp/argv.sh"
(cd "$seeded" && grep -n "refguard-seed: frozen-arith" $sfiles) |
	sed 's|^\([^:]*:[0-9]*\):.*|\1:frozen-arith|' | sort > "$tmp/seed.want"
: > "$tmp/seed.got"
for f in $sfiles; do
	o=${f%.c}.o
	ARGV_OUT=$tmp/argv.bin make -s -C "$src" O="$obj" "$kcc" KCFLAGS="$kcflags" C=2 CHECK="$tmp/argv.sh" "$o" >/dev/null 2>&1
	# the same argv, the seeded file last
	(cd "$obj" && tr '\0' '\n' < "$tmp/argv.bin" | sed '$d' | tr '\n' '\0' |
	 xargs -0 sh -c '"$0" check "$@" "'"$seeded/$f"'"' "$rg") >>"$tmp/seed.out" 2>&1
done
sed -n 's#^'"$seeded"'/\([^:]*:[0-9]*\):[0-9]*: warning: .*\[refguard-\(frozen-arith\|unfreeze-unfrozen\)\]$#\1:\2#p' \
	"$tmp/seed.out" | sort -u > "$tmp/seed.got"
if [ -s "$tmp/seed.want" ] && cmp -s "$tmp/seed.want" "$tmp/seed.got"; then
	pass "kernel-seeded"
else
	fail "kernel-seeded" "$(diff "$tmp/seed.want" "$tmp/seed.got" | tr '\n' ' ') $(grep -e 'not checked' -e 'could not' "$tmp/seed.out" | head -3)"
fi

# Plain sparse of the engine's own version, built by configure from the
# same source as its library (config.mk's SPARSE_PLAIN).
plain_sparse=${SPARSE_PLAIN:-$(sed -n 's|^SPARSE_PLAIN := ||p' "$top/config.mk" 2>/dev/null)}
[ -x "$plain_sparse" ] || {
	fail "kernel-C2-mm-sparse-warnings" "no plain sparse '$plain_sparse' (config.mk's SPARSE_PLAIN: run ./configure)"
	exit 0
}
make -s -C "$src" O="$obj" "$kcc" KCFLAGS="$kcflags" -j"$jobs" C=2 CHECK="$plain_sparse" mm/ 2>&1 | sort > "$tmp/plain.log"
make -s -C "$src" O="$obj" "$kcc" KCFLAGS="$kcflags" -j"$jobs" C=2 CHECK="$rg check --sparse" mm/ 2>&1 |
	grep -v '\[refguard-' | sort > "$tmp/ours.log"
# Byte for byte: the engine gives sparse's checks plain sparse's code
# (sparse/flow-copy.c).  6.12's hugetlb.c:5908 ('hugetlb_wp', a context
# imbalance in a function calling the API) moved columns before that.
if ! grep -q ': warning: ' "$tmp/plain.log"; then
	fail "kernel-C2-mm-sparse-warnings" "plain sparse printed no warning on mm/"
elif cmp -s "$tmp/plain.log" "$tmp/ours.log"; then
	echo "kernel: --sparse on mm/: $(wc -l < "$tmp/plain.log") lines, as plain sparse's"
	pass "kernel-C2-mm-sparse-warnings"
else
	fail "kernel-C2-mm-sparse-warnings" "$(diff "$tmp/plain.log" "$tmp/ours.log" | head -n 8)"
fi
exit 0
