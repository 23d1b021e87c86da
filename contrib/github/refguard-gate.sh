#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# refguard's verdict on a kernel tree's pull request: the steps of
# contrib/github/refguard.yml, one subcommand each, so the job can be run
# (and is tested: testsuite/install) outside GitHub.
#
# usage: refguard-gate.sh deps     install refguard's build dependencies
#                                  and a kernel build's (apt-get; sudo
#                                  when not root)
#        refguard-gate.sh build    configure, build and install the
#                                  refguard checkout this script is in
#        refguard-gate.sh config   configure and prepare the object
#                                  directory OBJ of TREE: defconfig plus
#                                  CONFIG_OPTIONS, then build BUILD_DIRS
#        refguard-gate.sh gate     refguard gate on RANGE of TREE with OBJ:
#                                  SARIF into SARIF, the findings on stdout
#                                  (as GitHub annotations under Actions);
#                                  exits with refguard's status
#
# Environment (defaults in brackets):
#   GCC_VERSION [13]      the gcc-N that builds the plugin and the kernel
#                         (the plugin loads only into the gcc it was built
#                         with); CC and CXX override gcc-N and g++-N
#   PREFIX [/usr/local]   where build installs refguard
#   TREE [.]              the kernel tree, a git checkout of the series' tip
#   OBJ [$TREE/../obj]    its O= object directory
#   CONFIG_OPTIONS []     CONFIG_ symbols to enable on top of defconfig
#                         (without the CONFIG_ prefix)
#   BUILD_DIRS [mm/]      built by config, so that a header the series
#                         touches is compiled through the units including it
#   RANGE [HEAD^..HEAD]   the series, as refguard gate takes it
#   DEEPEN []             in a shallow clone, fetch this many more commits
#                         when RANGE's base is missing
#   SARIF [refguard.sarif]
#   REFGUARD [refguard]   the refguard to run
#
# gate exits 0 when the series adds no finding, 1 when it adds one, 2 when
# refguard could not check it; anything else refguard does (a signal) is
# reported and exits 2.  The other steps exit non-zero when they fail.

set -u

die() { echo "refguard-gate: $*" >&2; exit 2; }

: "${GCC_VERSION:=13}"
: "${CC:=gcc-$GCC_VERSION}"
: "${CXX:=g++-$GCC_VERSION}"
: "${PREFIX:=/usr/local}"
: "${TREE:=.}"
: "${OBJ:=$TREE/../obj}"
: "${CONFIG_OPTIONS:=}"
: "${BUILD_DIRS:=mm/}"
: "${RANGE:=HEAD^..HEAD}"
: "${DEEPEN:=}"
: "${SARIF:=refguard.sarif}"
: "${REFGUARD:=refguard}"

here=$(cd "$(dirname "$0")" && pwd)
jobs=$(nproc 2>/dev/null || echo 1)
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo

deps() {
	# refguard's configure checks these; the kernel build needs the rest.
	$sudo apt-get update -q || die "apt-get update failed"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"gcc-$GCC_VERSION" "g++-$GCC_VERSION" "gcc-$GCC_VERSION-plugin-dev" \
		coccinelle sparse make flex bison bc libelf-dev libssl-dev \
		python3 patch xz-utils dpkg-dev debian-archive-keyring git perl \
		ca-certificates ||
		die "could not install the build dependencies"
}

build() {
	src=$(cd "$here/../.." && pwd)
	[ -f "$src/driver/commands.def" ] || die "$src is not a refguard checkout"
	# configure fetches sparse's pinned source package (its library is
	# linked in) with a private apt state; make builds for PREFIX, so the
	# sudo make install only copies.
	(cd "$src" && ./configure CC="$CC" CXX="$CXX") || die "configure failed"
	make -C "$src" -j"$jobs" PREFIX="$PREFIX" || die "make failed"
	$sudo make -C "$src" install PREFIX="$PREFIX" || die "make install failed"
	"$REFGUARD" --version || die "the installed refguard does not run"
}

config() {
	[ -f "$TREE/include/linux/page_ref.h" ] || die "$TREE is not a kernel tree"
	mkdir -p "$OBJ" || die "cannot create $OBJ"
	make -s -C "$TREE" O="$OBJ" CC="$CC" defconfig || die "defconfig failed"
	for opt in $CONFIG_OPTIONS; do
		"$TREE/scripts/config" --file "$OBJ/.config" --enable "$opt" ||
			die "scripts/config --enable $opt failed"
	done
	make -s -C "$TREE" O="$OBJ" CC="$CC" olddefconfig || die "olddefconfig failed"
	# An option this tree or architecture does not have (or whose
	# dependencies are off) is dropped by olddefconfig: say so, the code
	# behind it is then checked by Coccinelle alone.
	for opt in $CONFIG_OPTIONS; do
		grep -q "^CONFIG_$opt=y" "$OBJ/.config" ||
			annotate warning "CONFIG_$opt is not set in this configuration (not in this tree, or its dependencies are off)"
	done
	make -s -C "$TREE" O="$OBJ" CC="$CC" -j"$jobs" prepare || die "make prepare failed"
	if [ -n "$BUILD_DIRS" ]; then
		# A unit that does not build leaves its code to Coccinelle and to
		# the plugin's other units: the kernel's own CI judges the build.
		# shellcheck disable=SC2086 # a list of directories
		make -s -k -C "$TREE" O="$OBJ" CC="$CC" -j"$jobs" $BUILD_DIRS ||
			annotate warning "make $BUILD_DIRS failed in this configuration"
	fi
}

# annotate LEVEL MESSAGE: a GitHub annotation under Actions, else a line.
annotate() {
	if [ "${GITHUB_ACTIONS:-}" = true ]; then
		printf '::%s::%s\n' "$1" "$(printf '%s' "$2" | sed 's/%/%25/g' | tr '\n' ' ')"
	else
		printf 'refguard-gate: %s: %s\n' "$1" "$2" >&2
	fi
}

# The .c files the series adds or changes, as the tip has them.
touched_units() {
	git -C "$TREE" diff --name-only --diff-filter=AMR "$1" "$2" -- '*.c'
}

gate() {
	[ -f "$TREE/include/linux/page_ref.h" ] || die "$TREE is not a kernel tree"
	case "$RANGE" in
	*...*) base=${RANGE%%...*} tip=${RANGE#*...} ;;
	*..*) base=${RANGE%%..*} tip=${RANGE#*..} ;;
	*) base=$RANGE^ tip=$RANGE ;;
	esac
	tip=${tip:-HEAD}
	base=${base:-HEAD}
	if ! git -C "$TREE" rev-parse -q --verify "$base^{commit}" >/dev/null &&
	   [ -n "$DEEPEN" ]; then
		# the tip's history only, not every branch of the remote
		git -C "$TREE" fetch -q --no-tags --deepen="$DEEPEN" origin \
			"$(git -C "$TREE" rev-parse "$tip")" ||
			die "git fetch --deepen=$DEEPEN failed"
	fi
	# kbuild saves a unit's compile command when it builds it; the gate
	# replays it with the plugin on the series' version.  A unit this
	# configuration does not build is left to Coccinelle.
	objs=
	for f in $(touched_units "$base" "$tip" 2>/dev/null); do
		cmd="$OBJ/$(dirname "$f")/.$(basename "$f" .c).o.cmd"
		[ -f "$cmd" ] || objs="$objs ${f%.c}.o"
	done
	if [ -n "$objs" ] && [ -d "$OBJ" ]; then
		echo "refguard-gate: building$objs in $OBJ" >&2
		# shellcheck disable=SC2086 # a list of objects
		make -s -k -C "$TREE" O="$OBJ" CC="$CC" -j"$jobs" $objs >&2 ||
			echo "refguard-gate: some of$objs did not build (left to Coccinelle)" >&2
	fi
	set -- --kernel "$TREE"
	[ -d "$OBJ" ] && set -- "$@" --obj "$OBJ"
	"$REFGUARD" gate "$@" --format sarif "$RANGE" > "$SARIF"
	status=$?
	case "$status" in
	0|1|2) ;;
	*) annotate error "refguard gate died (status $status): nothing was checked"
	   exit 2 ;;
	esac
	if [ ! -s "$SARIF" ] && [ "$status" = 2 ]; then
		# refguard stopped before checking anything and said why
		rm -f "$SARIF"
		annotate error "refguard gate could not check the series: see the log"
		exit 2
	fi
	summarize "$SARIF" || {
		annotate error "refguard gate's SARIF ($SARIF) is unreadable"
		exit 2
	}
	case "$status" in
	0) echo "refguard: the series adds no finding" ;;
	1) echo "refguard: the series adds findings (above)" ;;
	2) echo "refguard: could not check the series (above)" ;;
	esac
	exit "$status"
}

# Findings and what went unchecked, from the SARIF: one line each, and an
# annotation on the line under GitHub Actions.
summarize() {
	python3 - "$1" <<'PY'
import json, os, sys
from urllib.parse import unquote

gh = os.environ.get("GITHUB_ACTIONS") == "true"

def esc(s, prop=False):
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return s.replace(":", "%3A").replace(",", "%2C") if prop else s

run = json.load(open(sys.argv[1]))["runs"][0]
for r in run.get("results", []):
    loc = r["locations"][0]["physicalLocation"]
    path = unquote(loc["artifactLocation"]["uri"])
    line = loc["region"]["startLine"]
    msg = "%s [refguard-%s]" % (r["message"]["text"], r["ruleId"])
    print("%s:%d: %s" % (path, line, msg))
    if gh:
        print("::error file=%s,line=%d,title=%s::%s" % (
            esc(path, True), line, esc("refguard " + r["ruleId"], True), esc(msg)))
for inv in run.get("invocations", []):
    for n in inv.get("toolExecutionNotifications", []):
        where = ""
        for l in n.get("locations", []):
            where = unquote(l["physicalLocation"]["artifactLocation"]["uri"]) + ": "
        text = where + n["message"]["text"]
        print(text)
        if gh:
            print("::error title=refguard could not check::%s" % esc(text))
PY
}

case "${1:-}" in
deps) deps ;;
build) build ;;
config) config ;;
gate) gate ;;
*) die "usage: refguard-gate.sh deps | build | config | gate (see the script's header)" ;;
esac
