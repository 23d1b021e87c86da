#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Cached Debian chroots for testing refguard with compilers the host does
# not ship (GCC 13 and 14 from trixie, 15 and 16 from sid).  Creating one
# takes minutes, so it is done once and reused: CI keeps the directory
# between runs, the testsuite (testsuite/toolchains) only uses what is
# there.
#
# usage: scripts/chroot.sh create SUITE [PACKAGE...]
#            create the chroot of SUITE (debootstrap from the host's
#            archive), or reuse it, and make sure PACKAGE... are installed
#            in it (default: the packages refguard's toolchain tests need
#            for SUITE, see `packages`); prints the chroot's path
#        scripts/chroot.sh run [-b HOSTDIR[:DIR][:ro]]... SUITE CMD [ARG...]
#            run CMD as root inside the chroot, with /proc and /dev
#            mounted and each HOSTDIR bind-mounted at DIR (default: the
#            same path), read-only with :ro; the mounts live in a private
#            mount namespace, so they go when CMD ends, however it ends;
#            exits with CMD's status
#        scripts/chroot.sh path SUITE
#            print the chroot's path if it is ready (exit 1 if not)
#        scripts/chroot.sh packages SUITE
#            print the default package list of SUITE
#        scripts/chroot.sh stamp SUITE
#            print what the chroot contains (its stamp)
#
# Chroots live in $REFGUARD_CHROOTS/SUITE (default: build/chroots of this
# checkout); point REFGUARD_CHROOTS at a directory CI keeps to cache them.
# $REFGUARD_CHROOTS/SUITE/.refguard-chroot is the stamp: suite, mirror,
# creation date, the requested packages and the installed version of each.
# A chroot without a stamp is an interrupted creation (it has a
# .refguard-chroot.partial marker): it is removed and made again; a
# directory with neither is not ours and is left alone (error).
#
# Needs root, debootstrap, and util-linux's unshare and flock.
# Exit status: 0 done, 1 chroot not ready (path), 2 error.

set -u
srcdir=$(cd "$(dirname "$0")/.." && pwd)
prog=scripts/chroot.sh
top=${REFGUARD_CHROOTS:-$srcdir/build/chroots}

die() { echo "$prog: error: $*" >&2; exit 2; }
note() { echo "$prog: $*" >&2; }

# What refguard's ./configure and `make check SUITES="plugin rules"` need
# (configure's PACKAGES less linux-source-6.12: the chroot gets the host's
# tree bind-mounted), and each suite's compilers with their plugin headers.
BASE_PACKAGES="make flex bison bc libelf-dev libssl-dev python3 patch xz-utils \
dpkg-dev debian-archive-keyring git perl sparse coccinelle gcc g++"

default_packages() {
	case "$1" in
	# libpython3.13: Coccinelle's python scripting, for the cocci work
	# that reuses this chroot.
	trixie) echo "$BASE_PACKAGES gcc-13 g++-13 gcc-13-plugin-dev" \
		     "gcc-14 g++-14 gcc-14-plugin-dev libpython3.13" ;;
	sid|unstable) echo "$BASE_PACKAGES gcc-15 g++-15 gcc-15-plugin-dev" \
			   "gcc-16 g++-16 gcc-16-plugin-dev" ;;
	*) die "no default package list for suite '$1' (trixie, sid): name the packages" ;;
	esac
}

check_suite() {
	case "$1" in
	''|*/*|.*) die "bad suite name '$1'" ;;
	esac
	[ -f "/usr/share/debootstrap/scripts/$1" ] ||
		die "debootstrap does not know suite '$1' (no /usr/share/debootstrap/scripts/$1)"
}

# The archive the host's own apt uses (a mirror or a snapshot), else Debian's.
host_mirror() {
	uri=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources \
	      2>/dev/null | head -n 1)
	[ -n "$uri" ] || uri=$(sed -n 's/^deb[[:space:]]\{1,\}\(http[^[:space:]]*debian\)[[:space:]].*/\1/p' \
			       /etc/apt/sources.list 2>/dev/null | head -n 1)
	echo "${uri:-http://deb.debian.org/debian}"
}

need_root() {
	[ "$(id -u)" = 0 ] || die "$1 needs root (chroot, mount)"
}

# Refuse to touch a tree with something mounted inside it: removing it
# would remove the host's files through the bind mount.
check_unmounted() {
	if awk -v r="$1" '$2 == r || index($2, r "/") == 1 { f = 1 } END { exit !f }' \
		/proc/self/mounts; then
		die "$1 has mounts inside it (a run still going, or a stale mount): unmount them first"
	fi
}

lock() {
	# lock <-s|-x> : hold $top/.SUITE.lock on fd 9 until exit
	command -v flock >/dev/null 2>&1 || die "no flock (Debian package util-linux)"
	mkdir -p "$top" || die "cannot create $top"
	exec 9>"$top/.$suite.lock" || die "cannot open $top/.$suite.lock"
	flock -n "$1" 9 || {
		note "waiting for $top/.$suite.lock (another create or run of $suite)"
		flock "$1" 9 || die "cannot lock $top/.$suite.lock"
	}
}

# Run a command in the chroot with /proc and /dev only (apt, dpkg-query).
in_root() {
	unshare --mount --propagation private sh "$0" __inner "$root" "" "$@"
}

write_stamp() {
	# write_stamp PACKAGE... : the stamp, from what dpkg says is installed
	{
		echo "suite: $suite"
		echo "mirror: $mirror"
		echo "created: $created"
		echo "updated: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
		echo "packages: $(printf '%s\n' "$@" | sort -u | tr '\n' ' ' | sed 's/ $//')"
		echo "installed:"
		in_root dpkg-query -W -f '  ${Package} ${Version}\n' "$@" | sort
	} > "$root/.refguard-chroot.tmp" &&
	mv "$root/.refguard-chroot.tmp" "$root/.refguard-chroot" ||
		die "cannot write $root/.refguard-chroot"
}

stamp_field() {
	sed -n "s/^$1: //p" "$root/.refguard-chroot" 2>/dev/null
}

apt_install() {
	# Past its Valid-Until, unstable's Release file (from a snapshot
	# mirror) makes apt refuse the lists: allowed for sid only.
	case "$suite" in
	sid|unstable)
		echo 'Acquire::Check-Valid-Until "false";' \
			> "$root/etc/apt/apt.conf.d/99refguard-valid-until" ||
			die "cannot write the chroot's apt configuration" ;;
	esac
	cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
	log=$top/$suite.log
	note "installing in $suite:$*"
	in_root apt-get -q update >> "$log" 2>&1 &&
	in_root apt-get -q -y --no-install-recommends install "$@" >> "$log" 2>&1 &&
	in_root apt-get -q clean >> "$log" 2>&1 ||
		die "apt-get install in $root failed (log: $log):
$(tail -n 8 "$log")"
}

do_create() {
	need_root create
	command -v debootstrap >/dev/null 2>&1 ||
		die "no debootstrap (apt-get install debootstrap)"
	command -v unshare >/dev/null 2>&1 || die "no unshare (Debian package util-linux)"
	lock -x
	mirror=$(host_mirror)
	if [ $# -eq 0 ]; then
		# shellcheck disable=SC2046
		set -- $(default_packages "$suite")
	fi
	if [ -f "$root/.refguard-chroot" ]; then
		[ "$(stamp_field suite)" = "$suite" ] ||
			die "$root holds suite '$(stamp_field suite)', not $suite"
		mirror=$(stamp_field mirror)
		created=$(stamp_field created)
		missing=
		for p; do
			in_root dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null |
				grep -q ' installed$' || missing="$missing $p"
		done
		# shellcheck disable=SC2086
		[ -z "$missing" ] || apt_install $missing
		# Keep earlier requests in the stamp: the chroot still has them.
		# shellcheck disable=SC2046
		write_stamp $(printf '%s\n' $(stamp_field packages) "$@" | sort -u)
		echo "$root"
		return
	fi
	if [ -e "$root" ]; then
		[ -f "$root/.refguard-chroot.partial" ] ||
			die "$root exists but is not a chroot made by $prog (no stamp): remove it or set REFGUARD_CHROOTS"
		check_unmounted "$root"
		note "removing the interrupted chroot $root"
		rm -rf "$root" || die "cannot remove $root"
	fi
	mkdir -p "$root" || die "cannot create $root"
	: > "$root/.refguard-chroot.partial"
	created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	log=$top/$suite.log
	: > "$log"
	note "debootstrap $suite from $mirror into $root (log: $log)"
	# minbase, then apt for the packages: apt resolves alternatives and
	# virtual packages that debootstrap's --include does not.
	debootstrap --variant=minbase "$suite" "$root" "$mirror" >> "$log" 2>&1 ||
		die "debootstrap $suite failed (log: $log):
$(tail -n 8 "$log")"
	apt_install "$@"
	write_stamp "$@"
	rm -f "$root/.refguard-chroot.partial"
	note "$suite ready: $(du -sh "$root" 2>/dev/null | cut -f1)"
	echo "$root"
}

# Inside the private mount namespace: mount, then become CMD.
do_inner() {
	root=$1
	binds=$2
	shift 2
	mount --make-rprivate / 2>/dev/null
	mount -t proc proc "$root/proc" || die "cannot mount /proc in $root"
	mount --bind /dev "$root/dev" || die "cannot bind /dev in $root"
	old_ifs=$IFS
	IFS='
'
	for b in $binds; do
		IFS=$old_ifs
		src=${b%%:*}
		rest=${b#"$src"}
		rest=${rest#:}
		ro=
		case "$rest" in
		*:ro) ro=1; rest=${rest%:ro} ;;
		ro) ro=1; rest= ;;
		esac
		dest=${rest:-$src}
		[ -d "$src" ] || die "bind: $src is not a directory"
		mkdir -p "$root$dest" || die "cannot create $root$dest"
		mount --bind "$src" "$root$dest" || die "cannot bind $src at $dest"
		if [ -n "$ro" ]; then
			mount -o remount,bind,ro "$root$dest" ||
				die "cannot make $dest read-only"
		fi
	done
	IFS=$old_ifs
	exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
		DEBIAN_FRONTEND=noninteractive "$@"
}

do_run() {
	binds=
	while [ $# -gt 0 ]; do
		case "$1" in
		-b) [ $# -ge 2 ] || die "-b needs HOSTDIR[:DIR][:ro]"
		    case "$2" in /*) ;; *) die "-b $2: HOSTDIR must be absolute" ;; esac
		    binds="$binds
$2"; shift 2 ;;
		--) shift; break ;;
		-*) die "run: unknown option $1" ;;
		*) break ;;
		esac
	done
	[ $# -ge 2 ] || die "usage: $prog run [-b HOSTDIR[:DIR][:ro]]... SUITE CMD [ARG...]"
	suite=$1
	shift
	check_suite "$suite"
	root=$top/$suite
	need_root run
	[ -f "$root/.refguard-chroot" ] ||
		die "no chroot for $suite in $top (create it: $prog create $suite)"
	command -v unshare >/dev/null 2>&1 || die "no unshare (Debian package util-linux)"
	# Shared: runs go together, a create waits for them.
	lock -s
	unshare --mount --propagation private sh "$0" __inner "$root" "$binds" "$@"
}

[ $# -ge 1 ] || die "usage: $prog create|run|path|packages|stamp SUITE ... (see the comment at its top)"
cmd=$1
shift
case "$cmd" in
__inner) do_inner "$@" ;;
run) do_run "$@"; exit $? ;;
esac
[ $# -ge 1 ] || die "usage: $prog $cmd SUITE"
suite=$1
shift
root=$top/$suite
case "$cmd" in
create) check_suite "$suite"; do_create "$@" ;;
path) [ -f "$root/.refguard-chroot" ] || exit 1; echo "$root" ;;
packages) default_packages "$suite" ;;
stamp) [ -f "$root/.refguard-chroot" ] || die "no chroot for $suite in $top"
       cat "$root/.refguard-chroot" ;;
*) die "unknown command '$cmd' (create, run, path, packages, stamp)" ;;
esac
