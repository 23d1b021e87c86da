# SPDX-License-Identifier: GPL-2.0
#
# Sourced by testsuite/helpers/run-tests and testsuite/helpers-mutants/
# run-tests (set $suite first): the trees, the runners and what they
# print, shared by both suites.  See testsuite/helpers/run-tests for the
# trees and the patches.

top=${REFGUARD_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
refguard=${REFGUARD:-$top/refguard}
here=$top/testsuite/helpers
trees=$top/build/helpers-trees
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

# Every test here runs a tree's own page_ref.h, taken from the 6.12 tree.
if [ -n "$RG_SKIP_KERNEL" ]; then
	echo "SKIP: $suite: RG_SKIP_KERNEL set (make check QUICK=1): every test needs the 6.12 tree's page_ref.h"
	exit 0
fi
pristine=$("$top/scripts/kernel.sh" src) || { echo "no kernel tree" >&2; exit 1; }
[ -x "$refguard" ] || { echo "no $refguard: run make" >&2; exit 1; }

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; }

# mktree NAME PATCH...: a two-file tree with the patches applied.
mktree() {
	mk_dir=$trees/$1; shift
	rm -rf "$mk_dir" && mkdir -p "$mk_dir/include/linux" &&
	cp "$pristine/include/linux/page_ref.h" "$pristine/include/linux/page-flags.h" \
	   "$mk_dir/include/linux/" || return 1
	for mk_patch; do
		(cd "$mk_dir" && patch -s -p1 -F0 --no-backup-if-mismatch) < "$mk_patch" \
			> "$log/patch.out" 2>&1 || { cat "$log/patch.out"; return 1; }
	done
}

# helpers ARGS...: refguard helpers, output in $log/out, killed after 15
# minutes (far beyond any bound it keeps itself: a kill means a hang;
# HELPERS_HANG=S to give up sooner, e.g. on a refguard that hangs).
hang=${HELPERS_HANG:-900}
helpers() {
	timeout -k 10 "$hang" "$refguard" helpers "$@" > "$log/out" 2>&1
}

# check TREE CHECK [ARGS...]: run one check quietly; its status.
check() {
	ck_tree=$1 ck_check=$2; shift 2
	timeout -k 10 "$hang" "$refguard" helpers --kernel "$ck_tree" --only "$ck_check" "$@" \
		> "$log/$ck_check.out" 2>&1
}

# spellings: the spelling table refguard printed, one "role: names" a line.
spellings() {
	sed -n '/^refguard helpers: spellings /,/^refguard helpers: [^s]/s/^  \([a-z ]*[a-z]\)  *\(.*\)/\1: \2/p' "$1"
}

