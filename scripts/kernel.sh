#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Kernel trees for refguard: the embedded default (Debian's
# linux-source-6.12 tarball, unpacked into build/) and configured object
# directories for builds with the plugin.  Used by the Makefile, the
# driver and the testsuite, so there is one way to get a tree.
#
# usage: scripts/kernel.sh src
#            print the default source tree, unpacking it on first use
#        scripts/kernel.sh obj NAME [SRC]
#            print build/NAME, an O= object directory of SRC (default:
#            the default tree) configured with defconfig plus the options
#            that compile every mm/ file using the page refcount API, and
#            prepared (make prepare), doing the work on first use only;
#            with LLVM set (e.g. LLVM=-16), a Clang build: kbuild's
#            LLVM=$LLVM instead of configure's CC

set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=$srcdir/build

die() { echo "kernel.sh: $*" >&2; exit 2; }

config_value() {
	sed -n "s|^$1 := ||p" "$srcdir/config.mk" 2>/dev/null
}

default_src() {
	dir=$(config_value KERNEL_DIR)
	[ -n "$dir" ] || dir=$builddir/linux-source-6.12
	if [ -f "$dir/include/linux/page_ref.h" ]; then
		echo "$dir"
		return
	fi
	tarball=$(config_value KERNEL_TARBALL)
	[ -n "$tarball" ] || tarball=$(dpkg -L linux-source-6.12 2>/dev/null |
		grep '/linux-source-6\.12\.tar\.[a-z]*$' | head -n 1)
	[ -n "$tarball" ] && [ -f "$tarball" ] ||
		die "no kernel tree: install the Debian package linux-source-6.12 or pass --kernel DIR"
	[ "$dir" = "$builddir/linux-source-6.12" ] ||
		die "$dir is not a kernel tree"
	mkdir -p "$builddir"
	echo "unpacking $tarball into $builddir" >&2
	rm -rf "$dir.tmp" && mkdir "$dir.tmp"
	tar -xf "$tarball" -C "$dir.tmp" --strip-components=1 ||
		die "could not unpack $tarball"
	mv "$dir.tmp" "$dir"
	echo "$dir"
}

# The options that bring every mm/ user of set_page_count() into the build.
MM_OPTIONS="MEMORY_HOTPLUG MEMORY_HOTREMOVE ZONE_DEVICE DEVICE_PRIVATE CMA
	    SPARSEMEM_VMEMMAP MIGRATION TRANSPARENT_HUGEPAGE HUGETLBFS
	    HUGETLB_PAGE"

configured_obj() {
	name=$1
	src=${2:-$(default_src)}
	obj=$builddir/$name
	stamp=$obj/.refguard-prepared
	# kbuild records the compiler in the configuration: configure with the
	# one configure chose, or the first build with it configures again.
	cc=$(config_value CC)
	cc="CC=${cc:-gcc}"
	[ -n "$LLVM" ] && cc="LLVM=$LLVM"
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$src $cc" ]; then
		echo "$obj"
		return
	fi
	mkdir -p "$obj"
	echo "configuring $obj (defconfig + mm options) from $src" >&2
	make -s -C "$src" O="$obj" "$cc" defconfig >&2 || die "defconfig failed"
	for opt in $MM_OPTIONS; do
		"$src/scripts/config" --file "$obj/.config" --enable "$opt"
	done
	make -s -C "$src" O="$obj" "$cc" olddefconfig >&2 || die "olddefconfig failed"
	for opt in ZONE_DEVICE DEVICE_PRIVATE CMA MEMORY_HOTPLUG; do
		grep -q "^CONFIG_$opt=y" "$obj/.config" ||
			die "CONFIG_$opt did not stick in $obj/.config"
	done
	make -s -C "$src" O="$obj" "$cc" -j"$(nproc)" prepare >&2 ||
		die "make prepare failed in $obj"
	echo "$src $cc" > "$stamp"
	echo "$obj"
}

case "$1" in
src) default_src ;;
obj) [ -n "$2" ] || die "usage: kernel.sh obj NAME [SRC]"
     configured_obj "$2" "$3" ;;
*) die "usage: kernel.sh src | obj NAME [SRC]" ;;
esac
