// SPDX-License-Identifier: GPL-2.0
/* Unparsable code that does not name the API cannot hold a finding. */
void fine(struct page *page)
{
	set_page_count(page, 1);
}

int other(int x)
{
	return FOO BAR BAZ (;
}
