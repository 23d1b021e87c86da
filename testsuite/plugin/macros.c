// SPDX-License-Identifier: GPL-2.0
/*
 * Calls spelled inside macros.  A call in a macro body is reported once,
 * where it is spelled (the definition, with GCC's "in expansion of macro"
 * note), and its fix-it rewrites the definition when the whole call is
 * spelled there.  A call in a macro argument is reported and fixed at the
 * invocation.
 */
/* { dg-options "-fsyntax-only" } */
#include <linux/mm.h>

#define FREEZE_PAGE(p)		set_page_count(p, 0) /* { dg-warning "use 'set_page_count_as_frozen'" } */
							     /* { dg-fixit "set_page_count_as_frozen(p)" .-1 } */
#define SET_COUNT(p, v)		set_page_count(p, v) /* { dg-warning "use 'init_page_count'" } */
#define REF_OF(p)		(&(p)->_refcount)
#define COUNT_OF(p)		atomic_read(&(p)->_refcount) /* { dg-warning "use 'page_ref_count'" } */
							     /* { dg-fixit "page_ref_count((p))" .-1 } */
#define CALL(fn, ...)		fn(__VA_ARGS__)
#define ONE			1
#define WARN_ON(x)		((void)(x))

void macro_bodies(struct page *page)
{
	FREEZE_PAGE(page);
	FREEZE_PAGE(page + 1);		/* the same finding: not again */
	(void)COUNT_OF(page);
	(void)COUNT_OF(page + 1);
}

/* The count comes from the invocation: no fix-it for the definition. */
void macro_parameter(struct page *page)
{
	SET_COUNT(page, 1);
}

/* Callee and parenthesis in different places: reported, never rewritten. */
void mixed_spelling(struct page *page)
{
	CALL(set_page_count, page, 0); /* { dg-warning "use 'set_page_count_as_frozen'" } */
	atomic_read(REF_OF(page)); /* { dg-warning "use 'page_ref_count'" } */
	set_page_count(page, ONE); /* { dg-warning "use 'init_page_count'" } */ /* known-miss: sparse: it always runs the flow rules, and the 0 stored on the line before froze the page */ /* known-extra: sparse: so it says page_ref_unfreeze, as the plugin's flow pass does without -fsyntax-only */
}

/* In a macro argument the text is the invocation's. */
void macro_argument(struct page *page)
{
	WARN_ON(atomic_read(&page->_refcount) != 1); /* { dg-warning "use 'page_ref_count'" } */
						     /* { dg-fixit "page_ref_count(page)" .-1 } */
	WARN_ON((set_page_count(page, 1), 0)); /* { dg-warning "use 'init_page_count'" } */
					     /* { dg-fixit "init_page_count(page)" .-1 } */
}
