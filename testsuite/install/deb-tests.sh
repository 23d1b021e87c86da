# SPDX-License-Identifier: GPL-2.0
#
# Sourced by testsuite/install/run-tests when RG_DEB=1: the Debian
# package built from a clone of HEAD (so: committed work only) with
# dpkg-buildpackage -b, lintian without an error, installed with apt-get,
# used from PATH (plugin, man page, an unseen case) and removed.

deb_start=$(date +%s)
deb_tests="deb-build deb-lintian deb-install deb-use deb-remove"
if [ "$(id -u)" != 0 ]; then
	for t in $deb_tests; do skip "$t" "needs root (apt-get install)"; done
elif ! command -v dpkg-buildpackage >/dev/null 2>&1 || ! command -v dh >/dev/null 2>&1 ||
     ! command -v lintian >/dev/null 2>&1; then
	for t in $deb_tests; do skip "$t" "needs Debian packages dpkg-dev, debhelper and lintian"; done
elif dpkg -s refguard >/dev/null 2>&1; then
	for t in $deb_tests; do skip "$t" "a refguard package is installed already: not replacing it"; done
else
	d=$tmp/deb
	mkdir -p "$d"
	git clone -q --no-checkout "$top" "$d/refguard" &&
		git -C "$d/refguard" checkout -q "$(git -C "$top" rev-parse HEAD)" &&
		(cd "$d/refguard" && dpkg-buildpackage -b -us -uc) > "$tmp/deb.log" 2>&1
	deb=$(ls "$d"/refguard_*.deb 2>/dev/null | head -n 1)
	if [ -n "$deb" ]; then
		pass "deb-build"
	else
		fail "deb-build" "$(tail -n 8 "$tmp/deb.log")"
	fi
	if [ -n "$deb" ]; then
		lintian "$deb" > "$tmp/lintian.log" 2>&1
		lrc=$?
		grep '^[EW]:' "$tmp/lintian.log"
		if ! grep -q '^E:' "$tmp/lintian.log" && [ "$lrc" = 0 ]; then
			pass "deb-lintian"
		else
			fail "deb-lintian" "rc=$lrc: $(grep '^E:' "$tmp/lintian.log" | head -n 5)"
		fi
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" > "$tmp/apt.log" 2>&1 &&
			dpkg -s refguard >/dev/null 2>&1 && pass "deb-install" ||
			fail "deb-install" "$(tail -n 5 "$tmp/apt.log")"
		# from PATH, in a clean environment, away from the checkout
		why=
		p=$(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" sh -c 'command -v refguard')
		[ "$p" = /usr/bin/refguard ] || why="$why refguard is '$p';"
		v=$(cd "$work" && env -i PATH=/usr/bin:/bin refguard --version | head -n 1)
		[ "$v" = "refguard $version" ] || why="$why --version says '$v';"
		pl=$(env -i PATH=/usr/bin:/bin refguard --plugin-path)
		[ "$pl" = /usr/lib/refguard/refguard.so ] || why="$why plugin at '$pl';"
		(cd "$work" && env -i PATH=/usr/bin:/bin gcc -fplugin="$pl" -fsyntax-only raw.c) 2>&1 |
			grep -q 'refguard-raw-set-count' || why="$why gcc did not load the plugin;"
		(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" refguard check --fatal raw.c) \
			> "$tmp/deb-check.log" 2>&1
		[ $? = 1 ] && grep -q "^raw.c:$rawline:.*refguard-raw-set-count" "$tmp/deb-check.log" ||
			why="$why check: $(head -n 2 "$tmp/deb-check.log");"
		[ "$(man -w refguard 2>/dev/null)" = /usr/share/man/man1/refguard.1.gz ] ||
			why="$why man -w says '$(man -w refguard 2>&1)';"
		MANWIDTH=80 man --warnings refguard 2>&1 >/dev/null | grep . > "$tmp/deb-man.err" &&
			why="$why man warns: $(head -n 2 "$tmp/deb-man.err");"
		[ -z "$why" ] && pass "deb-use" || fail "deb-use" "$why"
		DEBIAN_FRONTEND=noninteractive apt-get remove -y -q refguard > "$tmp/apt-rm.log" 2>&1
		left=
		for f in /usr/bin/refguard /usr/lib/refguard /usr/share/refguard \
			 /usr/share/man/man1/refguard.1.gz /usr/share/doc/refguard; do
			[ -e "$f" ] && left="$left $f"
		done
		! dpkg -s refguard >/dev/null 2>&1 && [ -z "$left" ] && pass "deb-remove" ||
			fail "deb-remove" "left:$left $(tail -n 3 "$tmp/apt-rm.log")"
	else
		for t in deb-lintian deb-install deb-use deb-remove; do
			skip "$t" "no package was built"
		done
	fi
fi
echo "deb: $(( $(date +%s) - deb_start )) s"
