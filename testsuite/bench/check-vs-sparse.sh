#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Wall time of `make C=2 CHECK="<repo>/refguard check" mm/` and of
# `... CHECK="<repo>/refguard check --sparse"` against `make C=2 mm/` with
# plain sparse of the engine's own version (config.mk's SPARSE_PLAIN,
# built by configure from the same source and with the same flags as the
# engine's library), on the same configured object directory, in one run.
# The objects are built first, untimed, so the timed runs do only what C=2
# adds: run the checker on every mm/ file (plus kbuild's own walk of mm/,
# the same for all).
#
# It also says whether `refguard check --sparse` printed exactly plain
# sparse's warnings (the lines that are not refguard's, sorted: -j2 runs
# files in parallel), and how many refguard findings each printed.
# GCC_ENGINE=1 adds `refguard check --engine=gcc`, the plugin engine.
#
# The machine may be shared: the checkers run ROUNDS times, alternating,
# and the minimum counts (the run least disturbed by others).  The CPU
# time (user+sys of make and everything it ran) is printed as well: it is
# far less sensitive to other load than wall time.  The load average
# before and after is printed so a reader can judge the numbers.
#
# usage: testsuite/bench/check-vs-sparse.sh [--kernel SRC] [DIR/...]
#   SRC: a kernel tree (default: the default tree, scripts/kernel.sh src)
#   JOBS=N (default 2) make -jN;  ROUNDS=N (default 3)
#   OBJ=NAME (default checkperf-mm) the object directory under build/
# The bar: check <= 1.10x sparse (aim 1.0), check --sparse <= 1.15x.

set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
src=
case "$1" in
--kernel) src=$2; shift 2 ;;
esac
dirs=${*:-mm/}
jobs=${JOBS:-2}
rounds=${ROUNDS:-3}

rg=${REFGUARD:-$top/refguard}
[ -x "$rg" ] || { echo "check-vs-sparse: build refguard first (make)" >&2; exit 2; }
sparse=${SPARSE_PLAIN:-$(sed -n 's|^SPARSE_PLAIN := ||p' "$top/config.mk" 2>/dev/null)}
[ -x "$sparse" ] ||
	{ echo "check-vs-sparse: no plain sparse '$sparse' (config.mk's SPARSE_PLAIN: run ./configure)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "check-vs-sparse: no /usr/bin/time (Debian: time)" >&2; exit 2; }
obj=$("$top/scripts/kernel.sh" obj "${OBJ:-checkperf-mm}" $src)
# scripts/kernel.sh stamps "<tree> CC=<compiler>" (or LLVM=<suffix>): kbuild needs the same.
read -r src kcc < "$obj/.refguard-prepared"

echo "building $dirs in $obj (untimed)" >&2
make -s -C "$src" O="$obj" "$kcc" -j"$jobs" $dirs >/dev/null

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
# run_once CHECK OUT: make C=2 with CHECK; prints "wall cpu"
run_once() {
	/usr/bin/time -f '%e %U %S' -o "$log/time" \
		make -s -C "$src" O="$obj" "$kcc" -j"$jobs" C=2 CHECK="$1" $dirs > "$2" 2>&1 ||
		{ echo "check-vs-sparse: make C=2 CHECK=$1 failed:" >&2; tail "$2" >&2; exit 2; }
	awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$log/time"
}
min() { echo "if ($1 < $2) $1 else $2" | bc; }

checkers="$sparse|$rg check|$rg check --sparse"
[ -n "$GCC_ENGINE" ] && checkers="$checkers|$rg check --engine=gcc"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
i=0
while [ $i -lt "$rounds" ]; do
	n=0
	IFS='|'
	for c in $checkers; do
		IFS=' '
		set -- $(run_once "$c" "$log/out$n")
		w=$(cat "$log/wall$n" 2>/dev/null || echo 999999)
		u=$(cat "$log/cpu$n" 2>/dev/null || echo 999999)
		min "$w" "$1" > "$log/wall$n"
		min "$u" "$2" > "$log/cpu$n"
		n=$((n + 1))
		IFS='|'
	done
	IFS=' '
	i=$((i + 1))
done

ratio() { echo "scale=3; $1 / $2" | bc; }
findings() { grep -c '\[refguard-' "$1" || true; }
sparse_lines() { grep -v '\[refguard-' "$1" | sort; }
files=$(find "$obj/${dirs%%/*}" -name '*.o' ! -name 'built-in.a' | wc -l)
ws=$(cat "$log/wall0") cs=$(cat "$log/cpu0")
printf 'make C=2 %s (%s objects, -j%s, min of %s alternating runs)\n' "$dirs" "$files" "$jobs" "$rounds"
printf '  load average before: %s, after: %s (%s cores)\n' "$load_before" \
	"$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
printf '                               wall      cpu (user+sys)  ratio wall  cpu\n'
printf '  %-26s %6.2f s  %7.2f s\n' "sparse" "$ws" "$cs"
printf '    (%s warnings)\n' "$(grep -c ': warning: ' "$log/out0" || true)"
n=1
IFS='|'
for c in $checkers; do
	IFS=' '
	[ "$c" = "$sparse" ] && continue
	name=${c#"$rg" }
	w=$(cat "$log/wall$n") u=$(cat "$log/cpu$n")
	printf '  %-26s %6.2f s  %7.2f s       %5.2f  %5.2f\n' "refguard $name" "$w" "$u" \
		"$(ratio "$w" "$ws")" "$(ratio "$u" "$cs")"
	printf '    (%s findings' "$(findings "$log/out$n")"
	case $name in
	*--sparse*)
		sparse_lines "$log/out0" > "$log/plain"
		sparse_lines "$log/out$n" > "$log/s"
		if cmp -s "$log/plain" "$log/s"; then
			printf '; sparse warnings identical to plain sparse'"'"'s'
		else
			printf '; sparse warnings DIFFER from plain sparse'"'"'s:\n'
			diff "$log/plain" "$log/s" | head -n 20
		fi ;;
	esac
	printf ')\n'
	n=$((n + 1))
	IFS='|'
done
IFS=' '
printf '  bar: check <= 1.10 (aim 1.00), check --sparse <= 1.15\n'
