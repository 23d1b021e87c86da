// SPDX-License-Identifier: GPL-2.0
/* A header's static inline: one finding per TU at the header line. */
/* { dg-options "-fsyntax-only" } */
#include "inline-header.h"
#include "inline-header.h"

void prep_new_page(struct page *page)
{
	set_page_refcounted_raw(page);
}

void prep_new_pages(struct page *page, int nr)
{
	while (nr--)
		set_page_refcounted_raw(page++);
}
