// SPDX-License-Identifier: GPL-2.0
/* A frozen-state finding: only a flow pass finds it, never -fsyntax-only. */
#include <linux/page_ref.h>

void frozen_then_get(struct page *page)
{
	if (!page_ref_freeze(page, 1))
		return;
	page_ref_inc(page);
}
