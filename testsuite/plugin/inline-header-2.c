// SPDX-License-Identifier: GPL-2.0
/*
 * The same header in a second TU, compiled to assembly: reported here
 * too, once, at the header line.
 */
#include "inline-header.h"

void split_page(struct page *page, int nr)
{
	int i;

	for (i = 1; i < nr; i++)
		set_page_refcounted_raw(page + i);
}
