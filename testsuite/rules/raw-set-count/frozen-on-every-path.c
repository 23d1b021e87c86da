// SPDX-License-Identifier: GPL-2.0
/*
 * raw-set-count from the flow pass: a raw set of a count other than the
 * constants rules/rewrite.def rewrites.  On a page frozen on every path to
 * the call it is an unfreeze, and the fix-it says so; anywhere else it
 * is reported without a rewrite.  (The constant cases belong to the
 * syntactic engine; one is here to show the two engines do not report a
 * call twice.)
 */
#include <linux/mm.h>

#define PAGE_FRAG_CACHE_MAX_SIZE	32768
#define PAGE_SIZE			4096

struct page_frag_cache {
	void *va;
	unsigned int offset;
	unsigned int pagecnt_bias;
	bool pfmemalloc;
};

struct page *page_frag_cache_refill(struct page_frag_cache *nc, gfp_t gfp);
unsigned int compound_order(const struct page *page);

/* The shape of __page_frag_alloc_align() in 6.12 mm/page_alloc.c. */
void *rs_page_frag_alloc(struct page_frag_cache *nc, unsigned int fragsz,
			 gfp_t gfp_mask)
{
	unsigned int size = PAGE_SIZE;
	struct page *page;
	int offset;

	if (unlikely(!nc->va)) {
refill:
		page = page_frag_cache_refill(nc, gfp_mask);
		if (!page)
			return NULL;
		page_ref_add(page, PAGE_FRAG_CACHE_MAX_SIZE);
		nc->pfmemalloc = false;
		nc->pagecnt_bias = PAGE_FRAG_CACHE_MAX_SIZE + 1;
		nc->offset = size;
	}

	offset = nc->offset - fragsz;
	if (unlikely(offset < 0)) {
		page = virt_to_page(nc->va);

		if (!page_ref_sub_and_test(page, nc->pagecnt_bias))
			goto refill;

		if (unlikely(nc->pfmemalloc)) {
			free_unref_page(page, compound_order(page));
			goto refill;
		}

		/* OK, page count is 0, we can safely set it */
		set_page_count(page, PAGE_FRAG_CACHE_MAX_SIZE + 1); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'page_ref_unfreeze' \[refguard-raw-set-count\]" } */
								    /* { dg-fixit "page_ref_unfreeze" .-1 } */
		nc->pagecnt_bias = PAGE_FRAG_CACHE_MAX_SIZE + 1;
		offset = size - fragsz;
		if (unlikely(offset < 0))
			return NULL;
	}

	nc->pagecnt_bias--;
	nc->offset = offset;
	return nc->va + offset;
}

/* Frozen on only some paths: no rewrite, the plain finding. */
void rs_set_some_paths(struct page *page, bool drop, int count)
{
	if (drop && !page_ref_sub_and_test(page, 1))
		return;
	set_page_count(page, count); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API \[refguard-raw-set-count\]" } */
}

/* A page passed in: nothing known, no rewrite. */
void rs_set_parameter(struct page *page)
{
	set_page_count(page, 3); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API \[refguard-raw-set-count\]" } */
}

/* After a successful freeze the store is the unfreeze. */
void rs_set_after_freeze(struct page *page, int count)
{
	if (!page_ref_freeze(page, count))
		return;
	set_page_count(page, count + 1); /* { dg-warning "use 'page_ref_unfreeze'" } */
					 /* { dg-fixit "page_ref_unfreeze" .-1 } */
	get_page(page);
}

void rs_folio_set_after_freeze(struct folio *folio, int refs)
{
	if (folio_ref_freeze(folio, refs))
		folio_set_count(folio, refs); /* { dg-warning "raw 'folio_set_count' call bypasses the page refcount API; use 'folio_ref_unfreeze'" } */
					      /* { dg-fixit "folio_ref_unfreeze" .-1 } */
}

/* Frozen pages from the allocator, set to a count: an unfreeze. */
struct page *rs_set_alloc_frozen(unsigned int order)
{
	struct page *page = alloc_frozen_pages(GFP_KERNEL, order);

	if (page)
		set_page_count(page, 1 << order); /* { dg-warning "use 'page_ref_unfreeze'" } */ /* known-miss: cocci: frozen by an allocation in a declaration */ /* known-extra: cocci: so it is reported without the rewrite */
						  /* { dg-fixit "page_ref_unfreeze" .-1 } */ /* known-miss: cocci: frozen by an allocation in a declaration */
	return page;
}

/*
 * A constant with a rewrite: the page's state decides first, 1 on a page
 * frozen on every path is an unfreeze too (frozen-constant.c), reported
 * once.
 */
void rs_set_one_after_freeze(struct page *page)
{
	if (page_ref_freeze(page, 1))
		set_page_count(page, 1); /* { dg-warning "use 'page_ref_unfreeze'" } */
					 /* { dg-fixit "page_ref_unfreeze" .-1 } */
}

/*
 * Spelled in a macro: the finding (at the spelling, GCC adds the
 * expansion note), but no fix-it inside the macro.
 */
#define RESET_COUNT(p, n)	set_page_count(p, n) /* { dg-warning "use 'page_ref_unfreeze'" } */ /* known-miss: cocci: a macro body is on no path from the freeze */ /* known-extra: cocci: so it is reported without the rewrite */

void rs_set_in_macro(struct page *page)
{
	if (!page_ref_freeze(page, 1))
		return;
	RESET_COUNT(page, 2);
}
