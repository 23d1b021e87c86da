// SPDX-License-Identifier: GPL-2.0
/*
 * refguard check --sparse: sparse's own warning (an undeclared non-static
 * symbol) and refguard's finding, from one $(CHECK) run.
 */
#include <linux/mm.h>

int refguard_undeclared;	/* expect (sparse): was not declared */

void reset(struct page *page)
{
	set_page_count(page, 1);	/* expect: raw-set-count */
}
