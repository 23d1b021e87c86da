# SPDX-License-Identifier: GPL-2.0
# Sourced by run-tests: the Coccinelle engine against the GCC plugin (the
# reference engine) on the plugin's own test files.  Every cocci finding
# (file:line:rule) must be a plugin finding, and every plugin finding a
# cocci one, except the misses listed, each with its reason, in
# cross-engine.known-misses.

xe_files="raw-set-count.c direct-refcount.c direct-refcount-folio.c
address-only.c clean.c flow-frozen-arith.c flow-unfreeze.c flow-raw-set.c
flow-alias.c flow-results.c flow-loops.c"
xe_plugin=$top/plugin/refguard.so

cross_engine() {
	xe=$tmp/xe
	mkdir -p "$xe/t" || return 1
	cp -r "$top/testsuite/include" "$xe/include" || return 1
	for f in $xe_files; do cp "$top/testsuite/plugin/$f" "$xe/t/" || return 1; done
	gi=$(${CC:-gcc} -print-file-name=include)
	for f in $xe_files; do
		${CC:-gcc} -fplugin="$xe_plugin" -nostdinc -isystem "$gi" \
			-I"$xe/include" -I"$xe/t" -O2 -S -o /dev/null -Wno-error \
			"$xe/t/$f" 2>&1
	done | sed -n "s|^$xe/\(t/[^:]*\):\([0-9]*\):[0-9]*: warning: .*\[refguard-\([a-z-]*\)\]\$|\1:\2:\3|p" |
		sort -u > "$xe/plugin.txt"
	(cd "$xe" && "$REFGUARD" report --kernel "$xe" t/ 2>"$xe/err") |
		sed -n 's|^\(t/[^:]*\):\([0-9]*\):[0-9]*: warning: .*\[refguard-\([a-z-]*\)\]$|\1:\2:\3|p' |
		sort -u > "$xe/cocci.txt"
	[ -s "$xe/plugin.txt" ] && [ -s "$xe/cocci.txt" ] || { echo "no findings"; return 1; }
	sed -n 's|^\([^ #]*\):\([0-9]*\) *\([a-z-]*\).*|t/\1:\2:\3|p' \
		"$here/cross-engine.known-misses" | sort -u > "$xe/known.txt"
	fp=$(comm -13 "$xe/plugin.txt" "$xe/cocci.txt")
	miss=$(comm -23 "$xe/plugin.txt" "$xe/cocci.txt" | comm -23 - "$xe/known.txt")
	stale=$(comm -12 "$xe/known.txt" "$xe/cocci.txt")
	[ -z "$fp$miss$stale" ] && return 0
	echo "cocci-only: $fp; unlisted misses: $miss; listed but found: $stale" | tr '\n' ' '
	return 1
}

if [ ! -f "$xe_plugin" ]; then
	echo "SKIP: cross-engine-plugin: no $xe_plugin (make)"
elif out=$(cross_engine); then
	pass cross-engine-plugin
else
	fail cross-engine-plugin "$out"
fi
