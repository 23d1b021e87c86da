// SPDX-License-Identifier: GPL-2.0
/*
 * The helpers are exempt by the file a definition is really read from:
 * a #line naming include/linux/page_ref.h does not make this file one.
 * (The second #line puts the rest back at its real place, so that the
 * expectations and the fix-it below are where they are written.)
 */
#include <linux/mm.h>

#line 1 "x/include/linux/page_ref.h"
void pretends_to_be_a_helper(struct page *page)
#line 13 "testsuite/plugin/line-directive.c"
{
	set_page_count(page, 0); /* { dg-warning "use 'set_page_count_as_frozen' \[refguard-raw-set-count\]" } */
				 /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
	if (page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		get_page(page); /* { dg-warning "\[refguard-frozen-arith\]" } */
}
