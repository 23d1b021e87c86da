// SPDX-License-Identifier: GPL-2.0
/*
 * -fplugin-arg-refguard-allow=<suffix,...> exempts more files: the
 * functions of allowed-helpers.h are not reported, this file's are.
 */
/* { dg-options "-fsyntax-only -fplugin-arg-refguard-allow=plugin/allowed-helpers.h,arch/x86/include/asm/page.h" } */
#include "allowed-helpers.h"

void reset(struct page *page)
{
	arch_page_reset(page);
	atomic_inc(&page->_refcount); /* { dg-warning "use 'page_ref_inc'" } */
				      /* { dg-fixit "page_ref_inc(page)" .-1 } */
}
