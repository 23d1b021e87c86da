#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# folio_try_get()/folio_put() throughput on one shared folio, 1..nproc
# threads: the unpatched 6.12 helpers (compare-and-swap loop in the get)
# against the frozen-bit port (plain add in the get, two-step put) and
# the fixed port (plain add in the get, compare-and-swap loop in the put),
# all measured in this run, printed as ratios to 6.12.
#
# usage: testsuite/bench/helpers-throughput.sh [MILLISECONDS] [ROUNDS]
#   each configuration runs ROUNDS times (default 3) for MILLISECONDS
#   (default 300), interleaved, and the median is kept.

set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
ms=${1:-300}
rounds=${2:-3}
work=$top/build/helpers-bench
pristine=$("$top/scripts/kernel.sh" src)
mkdir -p "$work"

mktree() {
	dir=$work/$1; shift
	rm -rf "$dir" && mkdir -p "$dir/include/linux"
	cp "$pristine/include/linux/page_ref.h" "$pristine/include/linux/page-flags.h" "$dir/include/linux/"
	for p; do (cd "$dir" && patch -s -p1 -F0) < "$p"; done
}

build() {
	bdir=$("$top/refguard" helpers --kernel "$2" --build-only)
	${CC:-gcc} -std=gnu11 -O2 -D_GNU_SOURCE -DRG_NO_DEBUG_VM -fno-strict-overflow \
		-I"$top/helpers/shim" -I"$top/helpers/harness" -I"$bdir" -include linux/kconfig.h \
		-DRG_PAGE_REF_H="\"$2/include/linux/page_ref.h\"" \
		-o "$work/bench-$1" "$top/testsuite/bench/helpers-throughput.c" -lpthread
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

mktree port "$top/testsuite/helpers/frozen-bit.patch"
mktree fixed "$top/testsuite/helpers/frozen-bit.patch" "$top/testsuite/helpers/frozen-bit-fixed.patch"
build 6.12 "$pristine"
build port "$work/port"
build fixed "$work/fixed"

echo "folio_try_get()+folio_put() on one folio, ${ms} ms x $rounds rounds, median, Mops/s"
printf '%-8s %10s %10s %10s %12s %12s\n' threads 6.12 port fixed port/6.12 fixed/6.12
n=1
while [ "$n" -le "$(nproc)" ]; do
	for v in 6.12 port fixed; do : > "$work/$v.$n"; done
	r=0
	while [ $r -lt "$rounds" ]; do
		for v in 6.12 port fixed; do
			"$work/bench-$v" "$n" "$ms" >> "$work/$v.$n"
		done
		r=$((r + 1))
	done
	base=$(median < "$work/6.12.$n")
	port=$(median < "$work/port.$n")
	fixed=$(median < "$work/fixed.$n")
	awk -v n="$n" -v b="$base" -v p="$port" -v f="$fixed" 'BEGIN {
		printf "%-8d %10.1f %10.1f %10.1f %12.2f %12.2f\n",
		       n, b / 1e6, p / 1e6, f / 1e6, p / b, f / b }'
	n=$((n + 1))
done
