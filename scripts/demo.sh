#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# refguard's main job on the embedded default tree (Debian's 6.12 kernel
# source, unpacked into build/ on first use), run by `make demo`:
#   1. report every finding in the tree (Coccinelle engine),
#   2. compute the tree-wide rewrite (refguard fix) into build/demo/,
#   3. build mm/ of a defconfig with the GCC plugin and show its findings,
#   4. build and stress the tree's real refcount helpers in userspace.
# Exits 0 when every step could do its job (findings are the point, not
# a failure), 2 when one could not.

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/demo
mkdir -p "$out"
tree=$("$top/scripts/kernel.sh" src) || exit 2
status=0

step() { printf '\n== %s\n' "$*"; }

# run_step LOG CMD...: run, keep the log, accept exit 0 or 1 (findings).
run_step() {
	log=$1
	shift
	"$@" > "$log"
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "refguard demo: '$*' could not do its job (exit $rc)" >&2
		status=2
	fi
	return 0
}

step "refguard report on $tree"
run_step "$out/report.txt" "$top/refguard" report --kernel "$tree"
cat "$out/report.txt"
echo "($(wc -l < "$out/report.txt") findings, in $out/report.txt)"

step "refguard fix on $tree (diff not applied)"
run_step "$out/fix.diff" "$top/refguard" fix --kernel "$tree"
grep '^+++ \|^-[^-]\|^+[^+]' "$out/fix.diff"
echo "(the full diff is $out/fix.diff; apply it with: patch -p1 -d $tree < $out/fix.diff)"

step "GCC plugin on mm/ of a defconfig build"
obj=$("$top/scripts/kernel.sh" obj demo-mm "$tree") || exit 2
# Touch nothing in the tree: force the mm/ objects to rebuild instead.
find "$obj/mm" -name '*.o' -delete 2>/dev/null
# -Wno-error: defconfig sets CONFIG_WERROR, and the tree has findings.
make -s -C "$tree" O="$obj" -j"$(nproc)" \
	KCFLAGS="-fplugin=$top/plugin/refguard.so -Wno-error" mm/ 2> "$out/plugin.txt" ||
	{ echo "refguard demo: the mm/ build failed" >&2; status=2; }
# A header's finding is reported by every unit that includes it: once here.
grep 'refguard-' "$out/plugin.txt" | sort -u

step "the tree's real refcount helpers in userspace"
"$top/refguard" helpers --kernel "$tree" || status=2

exit $status
