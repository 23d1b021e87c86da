// SPDX-License-Identifier: GPL-2.0
/*
 * Broken code around the rules' trees: the front end's error recovery
 * leaves error_mark_nodes and odd shapes behind.  GCC reports its errors;
 * the plugin reports what still stands as a call or field access (a call
 * whose arguments did not survive is gone) and never crashes, nor
 * proposes a rewrite of a call that does not match its prototype.
 */
/* { dg-options "-fsyntax-only" } */
/* wrong_types() passes a folio and a string: warnings, as up to GCC 13, not
 * GCC 14's errors, so the plugin sees the call whole. */
/* { dg-additional-options "-Wno-error=incompatible-pointer-types -Wno-error=int-conversion" } */
#include <linux/mm.h>

void undeclared(struct page *page)
{
	set_page_count(pgae, 0); /* { dg-error "'pgae' undeclared" } */
				 /* { dg-note "each undeclared identifier" .-1 } */
	atomic_read(&page->_refcnt); /* { dg-error "has no member named '_refcnt'" } */
}

void wrong_args(struct page *page)
{
	set_page_count(page); /* { dg-error "too few arguments" } */
	set_page_count(page, 0, 1); /* { dg-error "too many arguments" } */
				    /* { dg-warning "raw 'set_page_count'" .-1 } */
	atomic_read(page->_refcount); /* { dg-error "incompatible type for argument 1" } */
}

void wrong_types(struct page *page, struct folio *folio)
{
	set_page_count(folio, "0"); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API \[refguard" } */
	folio->_refcount = 1; /* { dg-error "incompatible types" } */
}

void syntax(struct page *page)
{
	set_page_count(page, 1 /* { dg-error "expected" } */
			       /* { dg-error "expected" .-1 } */
			       /* { dg-warning "use 'init_page_count'" .-2 } */
}

int after_errors(struct page *page)
{
	return atomic_read(&page->_refcount); /* { dg-warning "use 'page_ref_count'" } */
					      /* { dg-fixit "page_ref_count(page)" .-1 } */
}
