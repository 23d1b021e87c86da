// SPDX-License-Identifier: GPL-2.0
/*
 * -fdiagnostics-format=json carries the findings, their macro notes and
 * their fix-its (the runner reads the JSON instead of the text).
 */
/* { dg-options "-fsyntax-only -fdiagnostics-format=json" } */
/* { dg-require-gcc "11-15" "GCC 16 has no -fdiagnostics-format=json (sarif.c checks its SARIF)" } */
#include <linux/mm.h>

/* JSON locates a finding in a macro body at the expansion point. */
#define FREEZE(p)	set_page_count(p, 0) /* { dg-fixit "set_page_count_as_frozen(p)" } */

int f(struct page *page, struct folio *folio)
{
	FREEZE(page); /* { dg-warning "raw 'set_page_count' .* \[refguard-raw-set-count\]" } */
	folio_set_count(folio, 1); /* { dg-warning "use 'init_folio_count' \[refguard-raw-set-count\]" } */
				   /* { dg-fixit "init_folio_count(folio)" .-1 } */
	return atomic_read(&folio->_refcount); /* { dg-warning "use 'folio_ref_count' \[refguard-direct-refcount\]" } */
					       /* { dg-fixit "folio_ref_count(folio)" .-1 } */
}
