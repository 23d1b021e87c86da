// SPDX-License-Identifier: GPL-2.0
/*
 * The helpers' own definitions are exempt: functions defined in files
 * ending in include/linux/page_ref.h or include/linux/mm_types.h (the
 * stand-ins of testsuite/include, included by every test, are too).
 * Their callers and their macros' expansions are not.
 */
/* { dg-options "-fsyntax-only" } */
#include "exempt/include/linux/page_ref.h"
#include "exempt/include/linux/mm_types.h"

int user(struct page *page, struct folio *folio)
{
	set_page_count_as_frozen_v2(page);
	folio_init_raw(folio);
	set_page_count(page, 1); /* { dg-warning "use 'init_page_count'" } */
				 /* { dg-fixit "init_page_count(page)" .-1 } */
	return page_ref_count_v2(page) + page_ref_read_raw(page);
}
