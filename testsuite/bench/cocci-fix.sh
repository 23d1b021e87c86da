#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Whole-tree `refguard fix` against a plain `spatch --dir` run of the same
# semantic patches (patch mode, same -j), measured in the same run.
# Prints both wall times and the ratio; asserts nothing about time.
#
# usage: testsuite/bench/cocci-fix.sh [KERNEL_DIR]
#
# A plain spatch --dir parses the whole tree (its own token prefilter does
# not help with identifier-set metavariables) and takes tens of minutes on
# two cores, so each baseline run is capped at BASELINE_CAP seconds
# (default 300); a capped baseline makes the ratio a lower bound (">=").

set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
REFGUARD=${REFGUARD:-$top/refguard}
ksrc=${1:-$("$top/scripts/kernel.sh" src)}
jobs=${REFGUARD_JOBS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }

t0=$(now)
"$REFGUARD" fix --kernel "$ksrc" > "$tmp/fix.diff" || [ $? = 1 ]
t1=$(now)

# The baseline: what one would run without refguard, from a scratch
# directory so the tree's .cocciconfig does not change the options.
capped=
t2=$(now)
for r in raw-set-count direct-refcount; do
	(cd "$tmp" && timeout "${BASELINE_CAP:-300}" spatch --sp-file "$top/cocci/$r.cocci" -D patch \
		--dir "$ksrc" --include-headers --no-includes --very-quiet \
		-j "$jobs" --timeout 120 > "$tmp/$r.diff" 2>/dev/null) ||
		[ $? != 124 ] || capped=">="
done
t3=$(now)

awk -v capped="$capped" -v f="$(echo "$t1 - $t0" | bc)" -v s="$(echo "$t3 - $t2" | bc)" \
    -v nf="$(grep -c '^+++ ' "$tmp/fix.diff")" \
    -v ns="$(cat "$tmp"/raw-set-count.diff "$tmp"/direct-refcount.diff | grep -c '^+++ ')" 'BEGIN {
	printf "refguard fix (whole tree):   %7.2f s wall, %d files changed\n", f, nf
	printf "spatch --dir (same rules):   %7.2f s wall%s, %d files changed\n", s,
	       capped ? " (capped)" : "", ns
	printf "ratio spatch --dir / refguard fix: %s%.1fx\n", capped, s / f
}'
