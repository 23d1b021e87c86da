// SPDX-License-Identifier: GPL-2.0
/* A tree whose own helpers live outside page_ref.h: never rewritten into themselves. */
struct page;
void set_page_count(struct page *page, int v);

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1); /* known-extra: plugin, sparse: they exempt the helpers' files, not functions named like them */
}
