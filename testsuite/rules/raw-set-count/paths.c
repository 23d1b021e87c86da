// SPDX-License-Identifier: GPL-2.0
/* raw setters: 0/1 constants rewritten (consts), frozen on every path -> unfreeze (frag, setfrozen); live on some path -> report only (positive, unf, inside, plain, some). */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);
struct cache { void *va; int offset; int bias; bool pfmemalloc; };
struct page *refill(struct cache *nc);

void frag(struct cache *nc, struct page *page)
{
	int offset;
	if (!nc->va) {
refill:
		page = refill(nc);
		if (!page)
			return;
		page_ref_add(page, 5);
	}
	offset = nc->offset;
	if (offset < 0) {
		page = virt_to_page(nc->va);
		if (!page_ref_sub_and_test(page, nc->bias))
			goto refill;
		if (nc->pfmemalloc) {
			free_unref_page(page, 0);
			goto refill;
		}
		set_page_count(page, 42); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'page_ref_unfreeze'" } */ /* { dg-fixit "page_ref_unfreeze" } */
	}
}
void positive(struct page *page)
{
	if (page_ref_sub_and_test(page, 3))
		return;
	set_page_count(page, 43); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API" } */
}
void unf(struct page *page)
{
	if (!page_ref_freeze(page, 3))
		return;
	page_ref_unfreeze(page, 1);
	set_page_count(page, 44); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API" } */
}
void inside(struct page *page)
{
	if (!page_ref_freeze(page, 3)) {
		set_page_count(page, 45); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API" } */
	}
}
void plain(struct page *page)
{
	set_page_count(page, 46); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API" } */
}
void some(struct page *page, int x)
{
	if (x && !page_ref_freeze(page, 3))
		return;
	set_page_count(page, 47); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API" } */
}
void consts(struct page *page, struct folio *folio)
{
	set_page_count(page, 0); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'set_page_count_as_frozen'" } */ /* { dg-fixit "set_page_count_as_frozen(page)" } */
	/* Frozen by the 0 above: an unfreeze (frozen-constant.c). */
	set_page_count(page, 1); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'page_ref_unfreeze'" } */ /* { dg-fixit "page_ref_unfreeze" } */ /* known-miss: cocci: a raw store of 0 does not make a page frozen to it */ /* known-extra: cocci: so it rewrites the constant, to init_page_count */
	folio_set_count(folio, 1); /* { dg-warning "raw 'folio_set_count' call bypasses the page refcount API; use 'init_folio_count'" } */ /* { dg-fixit "init_folio_count(folio)" } */
	/* Held since the store of 1 above: the 0 drops it (live-zero.c). */
	folio_set_count(folio, 0); /* { dg-warning "raw 'folio_set_count' call bypasses the page refcount API; use 'folio_ref_dec'" } */
				   /* { dg-note "storing 0 drops it" .-1 } */ /* known-miss: cocci: Coccinelle findings carry no note of their own */
}
void setfrozen(struct page *page)
{
	set_page_count_as_frozen(page);
	set_page_count(page, 48); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'page_ref_unfreeze'" } */ /* { dg-fixit "page_ref_unfreeze" } */
}
