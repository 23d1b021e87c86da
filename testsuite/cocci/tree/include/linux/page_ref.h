/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal page_ref.h: the helpers' own definitions are never touched. */
static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void folio_set_count(struct folio *folio, int v)
{
	set_page_count(&folio->page, v);
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}
