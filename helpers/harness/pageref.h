/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tree's real include/linux/page_ref.h, included unchanged (its path
 * comes from `refguard helpers` as RG_PAGE_REF_H; the shims come first on
 * the include path), plus what the checks need around it:
 *
 *  - the few mm.h wrappers the checks call (mm.h itself drags in the
 *    whole kernel, so the 6.12 bodies are restated here, four lines each);
 *  - the allocator's two refcount steps (free_pages_prepare()'s
 *    page_expected_state() test, set_page_refcounted());
 *  - adapters over what the tree provides: rg-features.h says which
 *    helpers exist (refguard helpers preprocesses page_ref.h and looks),
 *    so the same checks run on 6.12 and on trees that rename the
 *    conditional add (page_ref_add_unless / _unless_zero / _unless_locked)
 *    or add set_page_count_as_frozen().
 */
#ifndef RG_PAGEREF_H
#define RG_PAGEREF_H

#include <limits.h>
#include <stdbool.h>

#include "rg-features.h"
#include RG_PAGE_REF_H

/* include/linux/mm.h (6.12) */
static inline int rg_put_page_testzero(struct page *page)
{
	VM_BUG_ON_PAGE(page_ref_count(page) == 0, page);
	return page_ref_dec_and_test(page);
}

static inline void rg_folio_get(struct folio *folio)
{
	VM_BUG_ON_FOLIO((unsigned int)folio_ref_count(folio) + 127u <= 127u, folio);
	folio_ref_inc(folio);
}

/* The conditional add with a count, under whichever name the tree uses. */
static inline bool rg_try_add(struct page *page, int nr)
{
#if defined(RG_HAVE_FOLIO_REF_TRY_ADD)
	return folio_ref_try_add(page_folio(page), nr);
#elif defined(RG_HAVE_PAGE_REF_ADD_UNLESS_LOCKED)
	return page_ref_add_unless_locked(page, nr);
#elif defined(RG_HAVE_PAGE_REF_ADD_UNLESS_ZERO)
	return page_ref_add_unless_zero(page, nr);
#elif defined(RG_HAVE_PAGE_REF_ADD_UNLESS)
	return page_ref_add_unless(page, nr, 0);
#else
#error "page_ref.h has no conditional add (folio_ref_try_add, page_ref_add_unless*)"
#endif
}

/* folio_try_get(): the speculative get of page cache lookups and GUP-fast. */
static inline bool rg_try_get(struct page *page)
{
#ifdef RG_HAVE_FOLIO_TRY_GET
	return folio_try_get(page_folio(page));
#else
	return rg_try_add(page, 1);
#endif
}

/*
 * A page entering the allocator for the first time (__free_pages_core()):
 * set_page_count(p, 0) in 6.12, set_page_count_as_frozen(p) once the tree
 * has it.
 */
static inline void rg_boot_free_count(struct page *page)
{
#ifdef RG_HAVE_SET_PAGE_COUNT_AS_FROZEN
	set_page_count_as_frozen(page);
#else
	set_page_count(page, 0);
#endif
}

/*
 * The allocator's view (mm/page_alloc.c, mm/internal.h): a page may only
 * be freed with a zero count, and allocation sets the count to one.
 * Both return false (after reporting) when the page's count is wrong.
 */
static inline bool rg_page_expected_state(struct page *page)
{
	return page_ref_count(page) == 0;
}

static inline void rg_set_page_refcounted(struct page *page)
{
	VM_BUG_ON_PAGE(PageTail(page), page);
	VM_BUG_ON_PAGE(page_ref_count(page), page);
	set_page_count(page, 1);
}

#endif
