// SPDX-License-Identifier: GPL-2.0
/* One finding with a rewrite, one address-only use that is no finding. */
void a(struct page *page)
{
	set_page_count(page, 0);
	wake_up_var(&page->_refcount);
}
