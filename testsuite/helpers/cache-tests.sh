# SPDX-License-Identifier: GPL-2.0
#
# Sourced by run-tests: the harness binaries of build/helpers/<key>/ are
# never reused once a file they were built from has changed.

# A helper in a header the tree's page_ref.h includes (issue 20, item 3):
# the harness binary is rebuilt when any file the compiler read for it
# changes, not only page_ref.h.  The spec passes with the helper right,
# fails once it is broken, and passes again once it is fixed.
t=stale-included-header
inc=$trees/included
if mktree included &&
   sed -i -e 's|^#include <linux/tracepoint-defs.h>$|&\n#include "rg-bias.h"|' \
	  -e '/^static inline int page_ref_count(/,/^}/s/return atomic_read(&page->_refcount);/return atomic_read(\&page->_refcount) + rg_bias();/' \
	  "$inc/include/linux/page_ref.h" &&
   grep -q 'rg_bias()' "$inc/include/linux/page_ref.h"; then
	bias() {
		printf '/* SPDX-License-Identifier: GPL-2.0 */\nstatic inline int rg_bias(void)\n{\n\treturn %s;\n}\n' \
			"$1" > "$inc/include/linux/rg-bias.h"
	}
	bias 0 && check "$inc" spec; ok1=$?
	bias 1 && check "$inc" spec; broken=$?
	cp "$log/spec.out" "$log/broken.out"
	bias 0 && check "$inc" spec; ok2=$?
	if [ $ok1 = 0 ] && [ $broken = 1 ] && [ $ok2 = 0 ] &&
	   grep -q '^spec: .* failed$' "$log/broken.out"; then
		pass $t
	else
		cat "$log/broken.out"
		fail $t "expected pass, fail, pass as rg-bias.h went right, wrong, right (status $ok1, $broken, $ok2)"
	fi
else
	fail $t "could not make the tree"
fi
