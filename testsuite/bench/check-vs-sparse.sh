#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Wall time of `make C=2 CHECK="<repo>/refguard check" mm/` against
# `make C=2 mm/` with plain sparse, on the same configured 6.12 object
# directory, in one run.  The objects are built first, untimed, so both
# timed runs do only what C=2 adds: run the checker on every mm/ file
# (plus kbuild's own walk of mm/, the same for both).  Each checker runs
# ROUNDS times (default 1), alternating, and the best time counts, which
# keeps one noisy moment on a shared machine from deciding the ratio.
# A third checker, gcc -fsyntax-only on the same compiler flags, shows the
# floor for any gcc-based checker: the C front end's own cost.
#
# usage: testsuite/bench/check-vs-sparse.sh [--kernel SRC] [DIR/...]
#   JOBS=N (default 2) make -jN;  ROUNDS=N (default 1)
# Prints both times and the ratio; the bar is <= 1.25, the aim 1.0.

set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
src=
case "$1" in
--kernel) src=$2; shift 2 ;;
esac
dirs=${*:-mm/}
jobs=${JOBS:-2}
rounds=${ROUNDS:-1}

rg=${REFGUARD:-$top/refguard}
[ -x "$rg" ] || { echo "check-vs-sparse: build refguard first (make)" >&2; exit 2; }
command -v sparse >/dev/null || { echo "check-vs-sparse: no sparse" >&2; exit 2; }
obj=$("$top/scripts/kernel.sh" obj check-mm $src)
src=$(cat "$obj/.refguard-prepared")

echo "building $dirs in $obj (untimed)" >&2
make -s -C "$src" O="$obj" -j"$jobs" $dirs >/dev/null

now() { date +%s.%N; }
# best_of VAR CHECK: run make C=2 with CHECK, keep the fastest wall time
run_once() {
	t0=$(now)
	make -s -C "$src" O="$obj" -j"$jobs" C=2 CHECK="$1" $dirs \
		> "$2" 2>&1 || { echo "check-vs-sparse: make C=2 CHECK=$1 failed:" >&2; tail "$2" >&2; exit 2; }
	echo "$(now) - $t0" | bc
}
min() { echo "if ($1 < $2) $1 else $2" | bc; }

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
# The front-end floor: drop CHECKFLAGS (everything before kbuild's
# -Wp,-MMD,...) and parse only.
cat > "$log/frontend" <<'EOS'
#!/bin/sh
while [ $# -gt 0 ]; do case $1 in -Wp,-MMD,*) break ;; esac; shift; done
shift
exec ${REFGUARD_CC:-gcc} "$@" -fsyntax-only -w
EOS
chmod +x "$log/frontend"
best_sparse=999999 best_rg=999999 best_fe=999999
i=0
while [ $i -lt "$rounds" ]; do
	t=$(run_once sparse "$log/sparse.out"); best_sparse=$(min "$best_sparse" "$t")
	t=$(run_once "$log/frontend" "$log/fe.out"); best_fe=$(min "$best_fe" "$t")
	t=$(run_once "$rg check" "$log/refguard.out"); best_rg=$(min "$best_rg" "$t")
	i=$((i + 1))
done
files=$(find "$obj/${dirs%%/*}" -name '*.o' ! -name 'built-in.a' | wc -l)
printf 'make C=2 %s (%s objects, -j%s, best of %s)\n' "$dirs" "$files" "$jobs" "$rounds"
printf '  sparse:          %6.2f s  (%s warnings)\n' "$best_sparse" "$(grep -c ': warning: ' "$log/sparse.out" || true)"
printf '  refguard check:  %6.2f s  (%s findings)\n' "$best_rg" "$(grep -c '\[refguard-' "$log/refguard.out" || true)"
printf '  gcc -fsyntax-only: %5.2f s  (front-end floor, ratio %.2f)\n' "$best_fe" "$(echo "scale=3; $best_fe / $best_sparse" | bc)"
printf '  ratio:           %6.2f  (bar <= 1.25, aim 1.0)\n' "$(echo "scale=3; $best_rg / $best_sparse" | bc)"
