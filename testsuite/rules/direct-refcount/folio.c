// SPDX-License-Identifier: GPL-2.0
/*
 * direct-refcount on struct folio, whose _refcount sits in an anonymous
 * struct inside a union (as in the kernel's mm_types.h): the folio
 * helpers are proposed by the pointer's type; folio->page._refcount is a
 * page's.
 */
/* { dg-options "-fsyntax-only" } */
#include <linux/mm.h>

int folio_reads(struct folio *folio)
{
	int r = atomic_read(&folio->_refcount); /* { dg-warning "direct access to 'folio->_refcount' outside the page refcount helpers; use 'folio_ref_count'" } */
						/* { dg-fixit "folio_ref_count(folio)" .-1 } */

	r += atomic_read(&folio->page._refcount); /* { dg-warning "direct access to '.*_refcount' outside" } */
						  /* { dg-fixit "page_ref_count(&folio->page)" .-1 } */ /* known-miss: cocci: no rewrite for a member's _refcount */
	r += atomic_read(&page_folio(&folio->page)->_refcount); /* { dg-warning "direct access to '.*_refcount' outside" } */
								/* { dg-fixit "folio_ref_count(page_folio(&folio->page))" .-1 } */ /* known-miss: cocci: the type of page_folio() is unknown without its header */
	return r;
}

void folio_changes(struct folio *folio, int nr)
{
	atomic_inc(&folio->_refcount); /* { dg-warning "use 'folio_ref_inc'" } */
				       /* { dg-fixit "folio_ref_inc(folio)" .-1 } */
	atomic_add(nr, &folio->_refcount); /* { dg-warning "use 'folio_ref_add'" } */
					   /* { dg-fixit "folio_ref_add(folio, nr)" .-1 } */
	atomic_sub_return(nr, &folio->_refcount); /* { dg-warning "use 'folio_ref_sub_return'" } */
						  /* { dg-fixit "folio_ref_sub_return(folio, nr)" .-1 } */
	atomic_set(&folio->_refcount, 1); /* { dg-warning "use 'init_folio_count'" } */
					  /* { dg-fixit "init_folio_count(folio)" .-1 } */
	atomic_set(&folio->_refcount, 0); /* { dg-warning "direct access to 'folio->_refcount' outside the page refcount helpers \[refguard" } */
	folio->_refcount.counter++; /* { dg-warning "direct access to 'folio->_refcount'" } */
}

/* The same anonymous layout reached through a local struct copy. */
int folio_copy(const struct folio *folio)
{
	struct folio copy = *folio;

	return copy._refcount.counter; /* { dg-warning "direct access to '.*_refcount' outside" } */
}
