/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stands in for include/linux/mm.h and linux/gfp.h: get/put and the page
 * allocator entry points refguard's flow analysis knows about.  Functions
 * defined here are NOT exempt (as in the kernel, mm.h is not a helper
 * header); they use only the page_ref.h API.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/page_ref.h>

void __folio_put(struct folio *folio);
/* A static inline in the kernel; the corpus only calls it (GCC 14 and
 * later reject a call to an undeclared function). */
void folio_put_refs(struct folio *folio, int refs);
void free_frozen_pages(struct page *page, unsigned int order);
void free_unref_page(struct page *page, unsigned int order);
struct page *alloc_frozen_pages(gfp_t gfp, unsigned int order);
struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
struct page *virt_to_page(const void *addr);
void *page_address(const struct page *page);
void set_page_refcounted(struct page *page);

static inline int put_page_testzero(struct page *page)
{
	return page_ref_dec_and_test(page);
}

static inline int folio_put_testzero(struct folio *folio)
{
	return put_page_testzero(&folio->page);
}

static inline bool get_page_unless_zero(struct page *page)
{
	return page_ref_add_unless(page, 1, 0);
}

static inline void folio_get(struct folio *folio)
{
	folio_ref_inc(folio);
}

static inline void get_page(struct page *page)
{
	folio_get(page_folio(page));
}

static inline void folio_put(struct folio *folio)
{
	if (folio_put_testzero(folio))
		__folio_put(folio);
}

static inline void put_page(struct page *page)
{
	folio_put(page_folio(page));
}

#endif /* _LINUX_MM_H */
