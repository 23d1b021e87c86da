// SPDX-License-Identifier: GPL-2.0
/*
 * sparse 0.6.4 does not know __builtin_ia32_rdtsc and reports an error in
 * raw_from_tsc(): check falls back to gcc for it, while sparse's account
 * of frozen_then_get() stands.
 */
#include <linux/page_ref.h>

void raw_from_tsc(struct page *page)
{
	set_page_count(page, (int)__builtin_ia32_rdtsc());
}

void frozen_then_get(struct page *page)
{
	if (!page_ref_freeze(page, 1))
		return;
	page_ref_inc(page);
}
