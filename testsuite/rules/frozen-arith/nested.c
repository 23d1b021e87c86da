// SPDX-License-Identifier: GPL-2.0
/*
 * GNU C nested functions are functions of their own (as GCC compiles
 * them): each engine analyses them, wherever they are defined.
 */
#include <linux/mm.h>

void nf_outer(struct page *page)
{
	void nf_inner(struct page *p)
	{
		if (!page_ref_freeze(p, 1)) /* { dg-note "the page was frozen here" } */ /* known-miss: cocci<1.3: spatch 1.1 does not match inside a nested function */
			return;
		page_ref_inc(p); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */ /* known-miss: cocci<1.3: spatch 1.1 does not match inside a nested function */
	}
	nf_inner(page);
}

/* In a statement expression. */
int nf_stmt_expr(struct page *page)
{
	return ({
		void nf_in_expr(struct page *p)
		{
			if (page_ref_dec_and_test(p)) /* { dg-note "the page was frozen here" } */ /* known-miss: cocci<1.3: spatch 1.1 does not match inside a nested function */
				put_page(p); /* { dg-warning "'put_page' on a page that is frozen on some path to this call" } */ /* known-miss: cocci<1.3: spatch 1.1 does not match inside a nested function */
		}
		nf_in_expr(page);
		1;
	});
}

/* Nested twice, and inline. */
void nf_twice(struct page *page)
{
	void nf_level1(struct page *p)
	{
		inline void nf_level2(struct page *q)
		{
			if (!page_ref_freeze(q, 1)) /* { dg-note "the page was frozen here" } */ /* known-miss: cocci<1.3: spatch 1.1 does not match inside a nested function */
				return;
			get_page(q); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */ /* known-miss: cocci<1.3: spatch 1.1 does not match inside a nested function */
		}
		nf_level2(p);
	}
	nf_level1(page);
}

/* The enclosing function's own calls are its own, not the nested one's. */
void nf_split(struct page *page)
{
	void nf_freezes(struct page *p)
	{
		if (!page_ref_freeze(p, 1))
			return;
		page_ref_unfreeze(p, 1); /* known-extra: cocci>=1.3: false: spatch 1.3 matches in the nested function but not the freeze's early return */
	}
	nf_freezes(page);
	page_ref_inc(page);
}
