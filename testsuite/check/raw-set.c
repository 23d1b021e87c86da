// SPDX-License-Identifier: GPL-2.0
/* refguard check on a kbuild-like argv: one raw setter, reported once. */
#include <linux/mm.h>

void reset(struct page *page)
{
	set_page_count(page, 1);	/* expect: raw-set-count */
}
