// SPDX-License-Identifier: GPL-2.0
/*
 * -fplugin-arg-refguard-error in a compile that reaches GIMPLE: a
 * syntactic finding reported as an error must not stop GCC before the
 * flow pass, which still reports the frozen-page arithmetic further down.
 */
/* { dg-options "-O2 -S -o /dev/null -fplugin-arg-refguard-error" } */
#include <linux/mm.h>

void first(struct page *page)
{
	set_page_count(page, 1); /* { dg-error "use 'init_page_count' \[refguard-raw-set-count\]" } */
				 /* { dg-fixit "init_page_count(page)" .-1 } */
}

void second(struct page *page)
{
	if (page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		put_page(page); /* { dg-error "'put_page' on a page that is frozen on some path to this call \[refguard-frozen-arith\]" } */
}
