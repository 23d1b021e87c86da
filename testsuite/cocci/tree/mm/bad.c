// SPDX-License-Identifier: GPL-2.0
/* spatch cannot parse bad(), which names the API: unchecked, exit 2. */
void good(struct page *page)
{
	set_page_count(page, 1);
}

void bad(struct page *page)
{
	set_page_count(page, 0);
	return FOO BAR BAZ (;
}
