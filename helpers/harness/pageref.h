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
 *  - the tree's spelling of each renamed role (rules/spellings.def):
 *    rg-features.h lists the spellings the tree defines, found by
 *    compiling page_ref.h, so the same checks run on 6.12 and on trees
 *    with the series' later names (set_page_count_frozen(),
 *    page_ref_add_unless_locked(), PAGEREF_LOCKED_BIT, ...).  The
 *    harness's own calls go to the newest spelling; the spec tests
 *    every spelling the tree has.
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

/*
 * Calls by role and arity: X(name, object, arity) from rg-features.h.
 * A 3-argument speculative get is 6.12's (page, nr, u): u == 0, the one
 * value that still means "dead" with a frozen bit.
 */
#define RG_OBJ_page(page)	(page)
#define RG_OBJ_folio(page)	page_folio(page)
#define RG_CALL_1(fn, obj, page, nr)	fn(RG_OBJ_##obj(page))
#define RG_CALL_2(fn, obj, page, nr)	fn(RG_OBJ_##obj(page), nr)
#define RG_CALL_3(fn, obj, page, nr)	fn(RG_OBJ_##obj(page), nr, 0)
#define RG_CALL(fn, obj, arity, page, nr) RG_CALL_##arity(fn, obj, page, nr)

/* The conditional add with a count, under the tree's newest name. */
static inline bool rg_try_add(struct page *page, int nr)
{
#if defined(RG_HAVE_FOLIO_REF_TRY_ADD)
	return folio_ref_try_add(page_folio(page), nr);
#else
#define RG_TRY(fn, obj, arity) return RG_CALL(fn, obj, arity, page, nr);
	RG_TRY_ADD_NEWEST(RG_TRY)
#undef RG_TRY
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

/* init_page_count(), or the tree's newer name for it. */
static inline void rg_init_count(struct page *page)
{
#define RG_INIT(fn, obj, arity) RG_CALL(fn, obj, arity, page, 0);
	RG_INIT_NEWEST(RG_INIT)
#undef RG_INIT
}

/*
 * A page entering the allocator for the first time (__free_pages_core()):
 * set_page_count(p, 0) in 6.12, the frozen setter once the tree has one.
 */
static inline void rg_boot_free_count(struct page *page)
{
#ifdef RG_SET_FROZEN_NEWEST
#define RG_SET(fn, obj, arity) RG_CALL(fn, obj, arity, page, 0);
	RG_SET_FROZEN_NEWEST(RG_SET)
#undef RG_SET
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
