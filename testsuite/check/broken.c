// SPDX-License-Identifier: GPL-2.0
/* refguard check: gcc cannot parse this, so the file is not checked: exit 2. */
#include <linux/mm.h>

void reset(struct page *page
{
	set_page_count(page, 1);
}
