// SPDX-License-Identifier: GPL-2.0
/*
 * GCC never lowers a static function nothing uses, so a flow pass that
 * only sees what GCC compiles misses bugs in an unused static inline (a
 * header's, as a new series adds it: unused-header.h) and in a static
 * function called only under a false IS_ENABLED().  The flow pass sees them all; no code
 * is generated for them (testsuite/plugin/run-tests: unused-not-emitted).
 */
#include <linux/mm.h>
#include "unused-header.h"

#define IS_ENABLED(option) 0

static inline void unused_inline(struct page *page)
{
	if (page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call \[refguard-frozen-arith\]" } */
}

static void unused_static(struct page *page, int n)
{
	set_page_count_as_frozen(page); /* { dg-note "the page was frozen here" } */
	page_ref_add(page, n); /* { dg-warning "'page_ref_add' on a page that is frozen" } */
}

static void only_if_enabled(struct page *page)
{
	if (!page_ref_freeze(page, 2)) /* { dg-note "the page was frozen here" } */
		return;
	put_page(page); /* { dg-warning "'put_page' on a page that is frozen" } */
}

/* Its callee is only reached through it: seen as well. */
static void callee_of_unused(struct page *page, int n)
{
	set_page_count(page, n); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API \[refguard-raw-set-count\]" } */
}

static inline void unused_caller(struct page *page)
{
	if (page_ref_freeze(page, 1))
		callee_of_unused(page, 1);
}

void user(struct page *page)
{
	if (IS_ENABLED(CONFIG_SOMETHING))
		only_if_enabled(page);
}
