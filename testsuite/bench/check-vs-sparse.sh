#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Wall time of `make C=2 CHECK="<repo>/refguard check" mm/` against
# `make C=2 mm/` with plain sparse, on the same configured 6.12 object
# directory, in one run.  The objects are built first, untimed, so the
# timed runs do only what C=2 adds: run the checker on every mm/ file
# (plus kbuild's own walk of mm/, the same for all).
#
# A third checker shows the floor for any gcc-based checker: gcc
# -fsyntax-only on the flags refguard check passes (the compiler's, minus
# gcc's warning options, which check drops too), i.e. the C front end's
# own cost without the plugin and without the GIMPLE passes.
#
# The machine may be shared: the checkers run ROUNDS times, alternating,
# and the minimum counts (the run least disturbed by others).  The CPU
# time (user+sys of make and everything it ran) is printed as well: it
# is far less sensitive to other load than wall time.  The load average
# before and after is printed so a reader can judge the numbers.
#
# usage: testsuite/bench/check-vs-sparse.sh [--kernel SRC] [DIR/...]
#   JOBS=N (default 2) make -jN;  ROUNDS=N (default 3)
#   OBJ=NAME (default checkperf-mm) the object directory under build/
# Prints the times and ratios; the bar is <= 1.25, the aim 1.0.

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
command -v sparse >/dev/null || { echo "check-vs-sparse: no sparse" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "check-vs-sparse: no /usr/bin/time (Debian: time)" >&2; exit 2; }
obj=$("$top/scripts/kernel.sh" obj "${OBJ:-checkperf-mm}" $src)
src=$(cat "$obj/.refguard-prepared")

echo "building $dirs in $obj (untimed)" >&2
make -s -C "$src" O="$obj" -j"$jobs" $dirs >/dev/null

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
# run_once CHECK OUT: make C=2 with CHECK; prints "wall cpu"
run_once() {
	/usr/bin/time -f '%e %U %S' -o "$log/time" \
		make -s -C "$src" O="$obj" -j"$jobs" C=2 CHECK="$1" $dirs > "$2" 2>&1 ||
		{ echo "check-vs-sparse: make C=2 CHECK=$1 failed:" >&2; tail "$2" >&2; exit 2; }
	awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$log/time"
}
min() { echo "if ($1 < $2) $1 else $2" | bc; }

# The front-end floor: drop CHECKFLAGS (everything before kbuild's
# -Wp,-MMD,...) and gcc's warning options, and parse only.
cat > "$log/frontend" <<'EOS'
#!/bin/sh
while [ $# -gt 0 ]; do case $1 in -Wp,-MMD,*) break ;; esac; shift; done
shift
for a; do
	shift
	case $a in -Wp,*|-Wa,*|-Wl,*) ;; -W*) continue ;; esac
	set -- "$@" "$a"
done
exec ${REFGUARD_CC:-gcc} "$@" -fsyntax-only
EOS
chmod +x "$log/frontend"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
ws=999999 wr=999999 wf=999999 cs=999999 cr=999999 cf=999999
i=0
while [ $i -lt "$rounds" ]; do
	set -- $(run_once sparse "$log/sparse.out"); ws=$(min "$ws" "$1"); cs=$(min "$cs" "$2")
	set -- $(run_once "$rg check" "$log/refguard.out"); wr=$(min "$wr" "$1"); cr=$(min "$cr" "$2")
	set -- $(run_once "$log/frontend" "$log/fe.out"); wf=$(min "$wf" "$1"); cf=$(min "$cf" "$2")
	i=$((i + 1))
done
ratio() { echo "scale=3; $1 / $2" | bc; }
files=$(find "$obj/${dirs%%/*}" -name '*.o' ! -name 'built-in.a' | wc -l)
printf 'make C=2 %s (%s objects, -j%s, min of %s alternating runs)\n' "$dirs" "$files" "$jobs" "$rounds"
printf '  load average before: %s, after: %s (%s cores)\n' "$load_before" \
	"$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
printf '                     wall       cpu (user+sys)\n'
printf '  sparse:          %6.2f s  %7.2f s  (%s warnings)\n' "$ws" "$cs" \
	"$(grep -c ': warning: ' "$log/sparse.out" || true)"
printf '  refguard check:  %6.2f s  %7.2f s  (%s findings)\n' "$wr" "$cr" \
	"$(grep -c '\[refguard-' "$log/refguard.out" || true)"
printf '  gcc -fsyntax-only: %4.2f s  %7.2f s  (front-end floor)\n' "$wf" "$cf"
printf '  ratio check/sparse:  %5.2f  %7.2f  (bar <= 1.25, aim 1.0)\n' \
	"$(ratio "$wr" "$ws")" "$(ratio "$cr" "$cs")"
printf '  floor/sparse:        %5.2f  %7.2f\n' "$(ratio "$wf" "$ws")" "$(ratio "$cf" "$cs")"
printf '  check/floor:         %5.2f  %7.2f  (what the plugin and its passes add)\n' \
	"$(ratio "$wr" "$wf")" "$(ratio "$cr" "$cf")"
