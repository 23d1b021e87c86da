#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the refguard plugin costs a kernel build: builds Linux 6.12 mm/
# (scripts/kernel.sh's defconfig + mm options) without and with
# KCFLAGS=-fplugin=plugin/refguard.so, alternating, N times each, every
# build from fresh mm/ objects at the same -j (in ABBA order), and prints
# the minimum wall (and CPU) time of each, their ratio, and the geometric
# mean of the per-run ratios.  The minimum is the run
# least disturbed by other work on the machine.  Bar: ratio < 1.02.
#
# usage: testsuite/bench/plugin-overhead.sh [-n N] [-j JOBS]
#	(defaults: -n 4 -j 2; REFGUARD_PLUGIN overrides the plugin path;
#	the kernel is built with $CC, default configure's compiler: the
#	plugin only loads into the gcc that built it)

set -e
top=$(cd "$(dirname "$0")/../.." && pwd)
plugin=${REFGUARD_PLUGIN:-$top/plugin/refguard.so}
cc=${CC:-$(sed -n 's|^CC := ||p' "$top/config.mk" 2>/dev/null)}
cc=${cc:-gcc}
runs=4
jobs=2
while [ $# -gt 0 ]; do
	case $1 in
	-n) runs=$2; shift 2 ;;
	-j) jobs=$2; shift 2 ;;
	*) echo "usage: $0 [-n N] [-j JOBS]" >&2; exit 2 ;;
	esac
done
[ -f "$plugin" ] || { echo "no plugin at $plugin (run make)" >&2; exit 2; }
src=$("$top/scripts/kernel.sh" src)
obj=$("$top/scripts/kernel.sh" obj plugin-bench)

# One build of mm/ from fresh objects; prints "wall cpu" in seconds, cpu
# being what the build's processes used (children of this subshell).
build() {
	local kcflags=$1 me=$BASHPID t0 t1 c0 c1

	find "$obj/mm" -name '*.o' -delete 2>/dev/null || true
	c0=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$me/stat)
	t0=$(date +%s.%N)
	# -Wno-error: defconfig's CONFIG_WERROR would stop at the first finding.
	make -s -C "$src" O="$obj" -j"$jobs" CC="$cc" mm/ KCFLAGS="$kcflags -Wno-error" \
		>/dev/null 2>&1 || { echo "build failed (KCFLAGS=$kcflags)" >&2; exit 2; }
	t1=$(date +%s.%N)
	c1=$(awk '{ print $14 + $15 + $16 + $17 }' /proc/$me/stat)
	echo "$(echo "$t1 - $t0" | bc) $(echo "($c1 - $c0) / $(getconf CLK_TCK)" | bc -l)"
}

min() { [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" = 1 ] && echo "$2" || echo "$1"; }

# Warm the page cache and the tools once, untimed.
build "" >/dev/null
base_wall= base_cpu= plug_wall= plug_cpu=
ratios=
# ABBA order: a machine that drifts (heat, other load) slows both sides alike.
for i in $(seq "$runs"); do
	if [ $((i % 2)) = 1 ]; then order="base plug"; else order="plug base"; fi
	for which in $order; do
		if [ "$which" = base ]; then
			read -r w c < <(build "")
			bw=$w
			base_wall=$(min "$base_wall" "$w"); base_cpu=$(min "$base_cpu" "$c")
			printf 'run %d: without plugin %6.2f s wall %6.2f s cpu\n' "$i" "$w" "$c"
		else
			read -r w c < <(build "-fplugin=$plugin")
			pw=$w
			plug_wall=$(min "$plug_wall" "$w"); plug_cpu=$(min "$plug_cpu" "$c")
			printf 'run %d: with plugin    %6.2f s wall %6.2f s cpu\n' "$i" "$w" "$c"
		fi
	done
	ratios="$ratios $(echo "$pw / $bw" | bc -l)"
done
printf 'min without plugin: %6.2f s wall %6.2f s cpu\n' "$base_wall" "$base_cpu"
printf 'min with plugin:    %6.2f s wall %6.2f s cpu\n' "$plug_wall" "$plug_cpu"
printf 'ratio of minima: %.4f wall, %.4f cpu (bar: wall < 1.02)\n' \
	"$(echo "$plug_wall / $base_wall" | bc -l)" "$(echo "$plug_cpu / $base_cpu" | bc -l)"
# In ABBA order the geometric mean of the per-run ratios cancels a
# first-or-second-in-pair effect (seen here: about 4%).
printf 'geometric mean of the per-run wall ratios: %.4f\n' \
	"$(printf '%s\n' $ratios | awk '{ s += log($1) } END { print exp(s / NR) }')"
