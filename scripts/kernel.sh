#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Kernel trees for refguard: the embedded default (Debian's linux-source
# package pinned in scripts/kernel-pins, unpacked into build/) and
# configured object directories for builds with the plugin.  Used by the
# Makefile, the driver and the testsuite, so there is one way to get a
# tree.
#
# usage: scripts/kernel.sh src
#            print the default source tree, fetching and unpacking it on
#            first use
#        scripts/kernel.sh obj NAME [SRC]
#            print build/NAME, an O= object directory of SRC (default:
#            the default tree) configured with defconfig plus the options
#            that compile every mm/ file using the page refcount API, and
#            prepared (make prepare), doing the work on first use only;
#            with LLVM set (e.g. LLVM=-16), a Clang build: kbuild's
#            LLVM=$LLVM instead of configure's CC; while it configures
#            it holds build/NAME.lock (flock(1)), which a caller that
#            builds in the directory holds too, taken after this returns,
#            so that two users of one directory take turns
#        scripts/kernel.sh fetch NAME [VERSION]
#            print the path of the source tarball of scripts/kernel-pins'
#            NAME (its pinned version, or VERSION), fetching the package
#            into build/debian/ when the system does not have it
#        scripts/kernel.sh pin NAME
#            print NAME's pinned package and version
#
# Environment: REFGUARD_KERNEL selects the default tree by its name in
# scripts/kernel-pins (unset: configure's --with-kernel, else 6.12; set,
# it wins over --with-kernel); REFGUARD_CACHE_DIR replaces build/ (see
# below).  Installed, config.mk is the subset make install writes next to
# this script's directory.

set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
pins=$srcdir/scripts/kernel-pins
# Where fetched trees and object directories go, in the order refguard's
# rg_cache_dir() takes (lib/util.c): REFGUARD_CACHE_DIR (refguard sets
# it), the build tree's build/, or, installed (srcdir is then
# share/refguard, with no driver/), the user's cache directory.
if [ -n "$REFGUARD_CACHE_DIR" ]; then
	builddir=$REFGUARD_CACHE_DIR
elif [ -f "$srcdir/driver/commands.def" ]; then
	builddir=$srcdir/build
else
	case "$XDG_CACHE_HOME" in
	/*) builddir=$XDG_CACHE_HOME/refguard ;;
	*) builddir=${HOME:?kernel.sh: set HOME or REFGUARD_CACHE_DIR}/.cache/refguard ;;
	esac
fi

die() { echo "kernel.sh: $*" >&2; exit 2; }

config_value() {
	sed -n "s|^$1 := ||p" "$srcdir/config.mk" 2>/dev/null
}

# pin_field NAME COLUMN: a column of NAME's line in scripts/kernel-pins.
pin_field() {
	awk -v n="$1" -v c="$2" '$1 == n && !/^#/ { print $c; exit }' "$pins"
}

# The archive URI the system's own apt uses for ARCHIVE (debian or
# debian-security), so a mirror or snapshot is honoured; else Debian's.
system_uris() {
	sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null
	awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; break } }' \
		/etc/apt/sources.list 2>/dev/null
	true
}

archive_uri() {
	for u in $(system_uris); do
		case "$1:${u%/}" in
		debian-security:*/debian-security|debian:*/debian) echo "${u%/}"; return ;;
		esac
	done
	echo "http://deb.debian.org/$1"
}

# fetch_deb PACKAGE VERSION SUITE ARCHIVE: the .deb of PACKAGE=VERSION,
# or of the suite's newest version when VERSION is gone (said on stderr),
# downloaded with a private apt state: the system's apt configuration is
# neither read for the suite nor changed.  apt verifies the download
# against the suite's signed index.
fetch_deb() {
	pkg=$1 ver=$2 suite=$3 archive=$4
	apt=$builddir/debian/apt-$suite
	dl=$builddir/debian/dl
	for f in "$dl/${pkg}_$(echo "$ver" | sed 's/:/%3a/')"_*.deb; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
	command -v apt-get >/dev/null || die "no apt-get to fetch $pkg"
	[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] ||
		die "no /usr/share/keyrings/debian-archive-keyring.gpg (Debian package debian-archive-keyring)"
	mkdir -p "$apt/sources" "$apt/lists/partial" "$dl"
	cat > "$apt/sources/$suite.sources" <<EOS
Types: deb
URIs: $(archive_uri "$archive")
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
	set -- -q -o Dir::Etc::SourceList=/dev/null \
	       -o Dir::Etc::SourceParts="$apt/sources" \
	       -o Dir::State::Lists="$apt/lists" -o Dir::State::Status=/dev/null \
	       -o Dir::Cache="$apt/cache" -o APT::Sandbox::User="$(id -un)"
	mkdir -p "$apt/cache/archives/partial"
	# The archive reachable here is a snapshot, and unstable's Release is
	# past its Valid-Until there: for this private state only, the date
	# check is off.  The signature is still checked, and the pinned
	# version is what is asked for.
	[ "$suite" != sid ] || set -- "$@" -o Acquire::Check-Valid-Until=false
	echo "fetching $pkg $ver from $suite" >&2
	apt-get "$@" update > "$apt/fetch.log" 2>&1 ||
		die "apt-get update of $suite failed: $(tail -n 3 "$apt/fetch.log")"
	have=$(apt-cache "$@" madison "$pkg" 2>/dev/null | awk -F'|' '{ gsub(/ /, "", $2); print $2 }')
	[ -n "$have" ] || die "$suite has no package $pkg"
	if ! printf '%s\n' "$have" | grep -qxF "$ver"; then
		newest=$(printf '%s\n' "$have" | head -n 1)
		echo "kernel.sh: $pkg $ver (the pin in scripts/kernel-pins) is no longer in $suite; taking the newest, $newest" >&2
		ver=$newest
	fi
	(cd "$dl" && apt-get "$@" download "$pkg=$ver") >> "$apt/fetch.log" 2>&1 ||
		die "apt-get download $pkg=$ver failed: $(tail -n 3 "$apt/fetch.log")"
	for f in "$dl/${pkg}_$(echo "$ver" | sed 's/:/%3a/')"_*.deb; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
	die "apt-get download $pkg=$ver left no .deb in $dl"
}

# tarball NAME [VERSION]: the source tarball of a pinned tree; prints
# "VERSION TARBALL".  The system's installed package serves when it is
# the version asked for.
tarball() {
	name=$1
	pkg=$(pin_field "$name" 2)
	[ -n "$pkg" ] || die "no kernel '$name' in $pins"
	ver=${2:-$(pin_field "$name" 3)}
	installed=$(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null || true)
	if [ "$installed" = "$ver" ]; then
		t=$(dpkg -L "$pkg" 2>/dev/null | grep "/$pkg\.tar\.[a-z]*\$" | head -n 1)
		[ -f "$t" ] && { echo "$ver $t"; return; }
	fi
	deb=$(fetch_deb "$pkg" "$ver" "$(pin_field "$name" 4)" "$(pin_field "$name" 5)")
	# the version actually fetched (the pin, or the newest when it is gone)
	ver=$(dpkg-deb -f "$deb" Version)
	x=$builddir/debian/x/$pkg-$ver
	if [ ! -d "$x" ]; then
		rm -rf "$x.tmp" && mkdir -p "${x%/*}"
		dpkg-deb -x "$deb" "$x.tmp" || die "dpkg-deb -x $deb failed"
		mv "$x.tmp" "$x"
	fi
	t=$(find "$x/usr/src" -maxdepth 1 -name "$pkg.tar.*" | head -n 1)
	[ -n "$t" ] || die "$deb holds no $pkg.tar.*"
	echo "$ver $t"
}

default_src() {
	# configure's --with-kernel is the default tree; REFGUARD_KERNEL,
	# naming another pinned tree, wins over it.
	dir=$(config_value KERNEL_DIR)
	if [ -n "$dir" ] && [ -z "$REFGUARD_KERNEL" ]; then
		[ -f "$dir/include/linux/page_ref.h" ] ||
			die "$dir (configure --with-kernel) is not a kernel tree"
		echo "$dir"
		return
	fi
	name=${REFGUARD_KERNEL:-6.12}
	dir=$builddir/linux-source-$name
	stamp=$dir/.refguard-source
	user_tarball=$(config_value KERNEL_TARBALL)
	if [ -n "$user_tarball" ] && [ "$name" = 6.12 ]; then
		want="tarball $user_tarball"
		t=$user_tarball
	else
		pkg=$(pin_field "$name" 2)
		[ -n "$pkg" ] || die "no kernel '$name' in $pins (REFGUARD_KERNEL)"
		want="$pkg $(pin_field "$name" 3)"
		t=
	fi
	if [ -f "$dir/include/linux/page_ref.h" ] && [ -f "$stamp" ] &&
	   [ "$(cat "$stamp")" = "$want" ]; then
		echo "$dir"
		return
	fi
	if [ -z "$t" ]; then
		r=$(tarball "$name") || exit 2
		set -- $r
		t=$2
		[ "$1" = "$(pin_field "$name" 3)" ] || want="$pkg $1 (pin unavailable)"
	fi
	[ -f "$t" ] || die "no kernel tarball $t"
	mkdir -p "$builddir"
	echo "unpacking $t into $dir" >&2
	rm -rf "$dir.tmp" && mkdir "$dir.tmp"
	tar -xf "$t" -C "$dir.tmp" --strip-components=1 ||
		die "could not unpack $t"
	echo "$want" > "$dir.tmp/.refguard-source"
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
	echo "$dir"
}

# The options that bring every mm/ user of set_page_count() into the build.
MM_OPTIONS="MEMORY_HOTPLUG MEMORY_HOTREMOVE ZONE_DEVICE DEVICE_PRIVATE CMA
	    SPARSEMEM_VMEMMAP MIGRATION TRANSPARENT_HUGEPAGE HUGETLBFS
	    HUGETLB_PAGE"

# And on 7.x the other users the series converts: p2pdma, KHO, test_hmm.
OPTIONS_7="PCI PCI_P2PDMA KEXEC KEXEC_FILE KEXEC_HANDOVER"

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
	configured() { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$src $cc" ]; }
	# Configured: no lock (a caller may hold it already, see the usage).
	# Else suites may ask at once: one configures, the others wait on the
	# directory's lock and then find it configured.
	if ! configured; then
		mkdir -p "$obj"
		exec 9> "$obj.lock"
		flock 9
	fi
	if configured; then
		echo "$obj"
		return
	fi
	echo "configuring $obj (defconfig + mm options) from $src" >&2
	make -s -C "$src" O="$obj" "$cc" defconfig >&2 || die "defconfig failed"
	for opt in $MM_OPTIONS; do
		"$src/scripts/config" --file "$obj/.config" --enable "$opt"
	done
	# 7.x has raw setters outside mm/ too (the series' v2 converts them).
	if [ "$(sed -n 's/^VERSION = //p' "$src/Makefile")" -ge 7 ]; then
		for opt in $OPTIONS_7; do
			"$src/scripts/config" --file "$obj/.config" --enable "$opt"
		done
		"$src/scripts/config" --file "$obj/.config" --module TEST_HMM
	fi
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
fetch) [ -n "$2" ] || die "usage: kernel.sh fetch NAME [VERSION]"
       r=$(tarball "$2" "$3") || exit 2
       echo "${r#* }" ;;
pin) [ -n "$2" ] || die "usage: kernel.sh pin NAME"
     pkg=$(pin_field "$2" 2)
     [ -n "$pkg" ] || die "no kernel '$2' in $pins"
     echo "$pkg $(pin_field "$2" 3)" ;;
*) die "usage: kernel.sh src | obj NAME [SRC] | fetch NAME [VERSION] | pin NAME" ;;
esac
