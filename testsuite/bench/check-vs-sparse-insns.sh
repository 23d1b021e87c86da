#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The instructions plain sparse, `refguard check` and `refguard check
# --sparse` execute on some 6.12 mm/ files, each with the argv kbuild
# gives $(CHECK) for it, counted by valgrind's callgrind, and the ratios.
# Wall and CPU times (check-vs-sparse.sh) move by 5-10% from run to run
# on a shared machine; instruction counts do not, so a change of a few
# percent in refguard's own cost shows here first.  Plain sparse is the
# one configure builds from the engine's source with the engine's flags
# (config.mk's SPARSE_PLAIN): the same code, so the ratio is refguard's
# own cost.
#
# usage: testsuite/bench/check-vs-sparse-insns.sh [FILE.c...]
#   default: mm/memory.c mm/page_alloc.c mm/hugetlb.c (callers of the API)
#   OBJ=NAME (default checkperf-mm) the object directory under build/
#   KERNEL=SRC (default: the default tree) the tree OBJ is configured from

set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
files=${*:-mm/memory.c mm/page_alloc.c mm/hugetlb.c}
rg=${REFGUARD:-$top/refguard}
[ -x "$rg" ] || { echo "check-vs-sparse-insns: build refguard first (make)" >&2; exit 2; }
command -v valgrind >/dev/null ||
	{ echo "check-vs-sparse-insns: no valgrind (Debian package valgrind)" >&2; exit 2; }
sparse=${SPARSE_PLAIN:-$(sed -n 's|^SPARSE_PLAIN := ||p' "$top/config.mk" 2>/dev/null)}
[ -x "$sparse" ] ||
	{ echo "check-vs-sparse-insns: no plain sparse '$sparse' (config.mk's SPARSE_PLAIN: run ./configure)" >&2; exit 2; }
obj=$("$top/scripts/kernel.sh" obj "${OBJ:-checkperf-mm}" $KERNEL)
read -r src kcc < "$obj/.refguard-prepared"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# kbuild's $(CHECK) argv for each file, NUL-separated.
cat > "$tmp/argv.sh" <<'EOF'
#!/bin/sh
for a; do printf '%s\0' "$a"; done > "$ARGV_OUT"
EOF
chmod +x "$tmp/argv.sh"

# insns ARGV CHECKER...: instructions CHECKER executes on ARGV's file
insns() {
	a=$1; shift
	(cd "$obj" && xargs -0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$@" < "$a" 2>&1 >/dev/null) |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
ratio() { echo "scale=3; $1 / $2" | bc; }

printf '%-20s %14s %14s %6s %14s %6s\n' file sparse check ratio "check --sparse" ratio
ts=0 tc=0 tcs=0
for f in $files; do
	o=${f%.c}.o
	# C=2: the checker runs whether or not the object is rebuilt, so the
	# source tree (maybe shared, maybe read-only) is never touched.
	ARGV_OUT=$tmp/argv make -s -C "$src" O="$obj" "$kcc" C=2 CHECK="$tmp/argv.sh" "$o" \
		>/dev/null 2>&1 || { echo "check-vs-sparse-insns: make $o failed" >&2; exit 2; }
	[ -s "$tmp/argv" ] || { echo "check-vs-sparse-insns: kbuild did not check $f" >&2; exit 2; }
	s=$(insns "$tmp/argv" "$sparse")
	c=$(insns "$tmp/argv" "$rg" check)
	cs=$(insns "$tmp/argv" "$rg" check --sparse)
	[ -n "$s" ] && [ -n "$c" ] && [ -n "$cs" ] ||
		{ echo "check-vs-sparse-insns: callgrind counted nothing for $f" >&2; exit 2; }
	printf '%-20s %14s %14s %6.3f %14s %6.3f\n' "$f" "$s" "$c" "$(ratio "$c" "$s")" \
		"$cs" "$(ratio "$cs" "$s")"
	ts=$((ts + s)) tc=$((tc + c)) tcs=$((tcs + cs))
	rm -f "$tmp/argv"
done
printf '%-20s %14s %14s %6.3f %14s %6.3f\n' total "$ts" "$tc" "$(ratio "$tc" "$ts")" \
	"$tcs" "$(ratio "$tcs" "$ts")"
