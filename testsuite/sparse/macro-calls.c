// SPDX-License-Identifier: GPL-2.0
/*
 * Distinct calls that macros put at one place stay distinct findings:
 * calls a macro argument spells on one line (sparse gives every token of
 * an argument the invocation's position: the calls are matched to their
 * spellings in order), and one spelled call expanded where it means two
 * different things (a 0 stored on a page held, and on one not held).  A
 * call spelled once and expanded twice alike is one finding.
 */
#include <linux/mm.h>

#define RUN(x) do { x; } while (0)
#define RUN_TWICE(x) do { x; x; } while (0)
#define SET0(p) set_page_count(p, 0) /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'page_ref_dec'" } */ /* { dg-note "this function holds a reference to the page on every path here" } */ /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'set_page_count_as_frozen'" } */ /* { dg-fixit "set_page_count_as_frozen(p)" } */

void mc_two_in_argument(struct page *a, struct page *b)
{
	RUN(set_page_count(a, 1); set_page_count(b, 1)); /* { dg-warning "use 'init_page_count'" } */ /* { dg-fixit "init_page_count(a)" } */ /* { dg-warning "use 'init_page_count'" } */ /* { dg-fixit "init_page_count(b)" } */
}

void mc_held_and_not(struct page *a, struct page *b)
{
	get_page(a);
	SET0(a); SET0(b);
}

void mc_frozen_two(struct page *a, struct page *b)
{
	if (!page_ref_freeze(a, 1)) /* { dg-note "the page was frozen here" } */
		return;
	if (!page_ref_freeze(b, 1)) /* { dg-note "the page was frozen here" } */
		return;
	RUN(page_ref_inc(a); page_ref_inc(b)); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */ /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
}

void mc_once(struct page *a)
{
	RUN_TWICE(set_page_count(a, 1)); /* { dg-warning "use 'init_page_count'" } */ /* { dg-fixit "init_page_count(a)" } */
}
