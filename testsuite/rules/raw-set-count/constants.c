// SPDX-License-Identifier: GPL-2.0
/*
 * raw-set-count: every raw set_page_count()/folio_set_count() outside the
 * helper headers, with the rules/rewrite.def rewrite as a fix-it when the
 * count is the literal 0 or 1.
 */
/* { dg-options "-fsyntax-only" } */
#include <linux/mm.h>

#define MAX_ORDER_NR_PAGES	1024

static void prep_compound_tail(struct page *head, int nr)
{
	int i;

	for (i = 1; i < nr; i++)
		set_page_count(head + i, 0); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'set_page_count_as_frozen' \[refguard-raw-set-count\]" } */
					     /* { dg-fixit "set_page_count_as_frozen(head + i)" .-1 } */
}

void init_reserved_page(struct page *page)
{
	set_page_count(page, 1); /* { dg-warning "raw 'set_page_count' .*; use 'init_page_count'" } */
				 /* { dg-fixit "init_page_count(page)" .-1 } */
}

void folio_init(struct folio *folio)
{
	folio_set_count(folio, 1); /* { dg-warning "raw 'folio_set_count' .*; use 'init_folio_count'" } */
				   /* { dg-fixit "init_folio_count(folio)" .-1 } */
}

/* No frozen-folio helper exists: reported, no rewrite. */
void folio_freeze_raw(struct folio *folio)
{
	folio_set_count(folio, 0); /* { dg-warning "raw 'folio_set_count' call bypasses the page refcount API \[refguard" } */
}

/* Counts other than 0 and 1 have no constant rewrite. */
void page_frag_refill(struct page *page, int bias)
{
	set_page_count(page, MAX_ORDER_NR_PAGES + 1); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API \[refguard" } */
	set_page_count(page, bias); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API \[refguard" } */
	set_page_count(page, 2); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API \[refguard" } */
}

/* The argument text is kept as written, however complex. */
void free_tail(struct page *pages[], unsigned long pfn, int nr)
{
	set_page_count(pages[(pfn + 1) & (nr - 1)], 0); /* { dg-warning "use 'set_page_count_as_frozen'" } */
							/* { dg-fixit "set_page_count_as_frozen(pages[(pfn + 1) & (nr - 1)])" .-1 } */
	set_page_count (folio_page((struct folio *)pages[0], 1) , 1); /* { dg-warning "use 'init_page_count'" } */
								      /* { dg-fixit "init_page_count(folio_page((struct folio *)pages[0], 1))" .-1 } */
	set_page_count(pages[nr] /* tail, "frozen" */, 0x0); /* { dg-warning "use 'set_page_count_as_frozen'" } */
	// { dg-fixit "set_page_count_as_frozen(pages[nr] /* tail, \"frozen\" */)" .-1 } /* known-miss: cocci: spatch drops the comment from the argument */
}

/* A value of a call, a statement expression and a comma operand. */
int set_in_expression(struct page *page)
{
	int r = (set_page_count(page, 0), 1); /* { dg-warning "use 'set_page_count_as_frozen'" } */
					      /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
	return r + ({ set_page_count(page + 1, 1); 0; }); /* { dg-warning "use 'init_page_count'" } */
							  /* { dg-fixit "init_page_count(page + 1)" .-1 } */
}

/* Two calls on one line are two findings. */
void two_on_a_line(struct page *a, struct page *b)
{
	set_page_count(a, 0); set_page_count(b, 1); /* { dg-warning "use 'set_page_count_as_frozen'" } */
						    /* { dg-warning "use 'init_page_count'" .-1 } */
						    /* { dg-fixit "set_page_count_as_frozen(a)" .-2 } */
						    /* { dg-fixit "init_page_count(b)" .-3 } */
}
