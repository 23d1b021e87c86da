/* SPDX-License-Identifier: GPL-2.0 */
/* Exempted by allow.c's -fplugin-arg-refguard-allow=plugin/allowed-helpers.h. */
#ifndef REFGUARD_TEST_ALLOWED_HELPERS_H
#define REFGUARD_TEST_ALLOWED_HELPERS_H

#include <linux/mm.h>

static inline void arch_page_reset(struct page *page)
{
	set_page_count(page, 1);
	atomic_inc(&page->_refcount);
}

#endif
