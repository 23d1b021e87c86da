// SPDX-License-Identifier: GPL-2.0
/*
 * Shapes the flow pass must survive without crashing the compiler:
 * calls through pointers, constant and global pages, computed gotos,
 * nested functions, statement expressions, asm goto, infinite loops,
 * switches on a freeze result, and more pages than it tracks.
 */
#include <linux/mm.h>

/* Inlined stores through the NULL pages below upset GCC's own checks. */
/* { dg-additional-options "-Wno-stringop-overflow" } */

struct page rb_global_page;
struct page rb_pages[4];

void rb_noreturn(void) __attribute__((__noreturn__));
int rb_cond(void);

void rb_through_pointer(struct page *page)
{
	void (*inc)(struct page *) = page_ref_inc;

	if (page_ref_freeze(page, 1))
		inc(page);	/* not a call the table knows: not reported */
}

void rb_constant_pages(void)
{
	page_ref_inc((struct page *)0);
	page_ref_unfreeze((struct page *)0x1000, 1);
	set_page_count_as_frozen(NULL);
	get_page(NULL);
}

/* No page to follow at all: the raw set is still reported. */
void rb_constant_set(void)
{
	set_page_count((struct page *)0x1000, 5); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API \[refguard-raw-set-count\]" } */
}

void rb_global(void)
{
	set_page_count_as_frozen(&rb_global_page); /* { dg-note "frozen here" } */
	page_ref_inc(&rb_global_page); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
}

/* Clean: different elements of an array are different pages. */
void rb_array(void)
{
	set_page_count_as_frozen(&rb_pages[1]);
	page_ref_inc(&rb_pages[2]);
	page_ref_unfreeze(&rb_pages[1], 1);
	page_ref_inc(&rb_pages[1]);
}

void rb_computed_goto(struct page *page, int i)
{
	static void *labels[] = { &&freeze, &&get, &&out };

	goto *labels[i];
freeze:
	if (page_ref_freeze(page, 1)) /* { dg-note "frozen here" } */
		goto *labels[i + 1];
get:
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
out:
	return;
}

void rb_nested(struct page *page)
{
	void unfreeze(void)
	{
		page_ref_unfreeze(page, 1);
	}

	if (page_ref_freeze(page, 1))
		unfreeze();
}

int rb_statement_expr(struct page *page)
{
	return ({ int __r = page_ref_freeze(page, 1); if (__r) page_ref_unfreeze(page, 1); __r; });
}

void rb_asm_goto(struct page *page)
{
	if (!page_ref_freeze(page, 1))
		return;
	asm goto("" : : "r"(page) : : skip);
	page_ref_unfreeze(page, 1);
	return;
skip:
	free_frozen_pages(page, 0);
}

void rb_forever(struct page *page)
{
	for (;;) {
		if (page_ref_freeze(page, 1))
			page_ref_unfreeze(page, 1);
		if (rb_cond())
			rb_noreturn();
	}
}

void rb_unreachable(struct page *page)
{
	if (!page_ref_freeze(page, 1))
		__builtin_unreachable();
	page_ref_unfreeze(page, 1);
}

/* A switch on the result: not followed into the cases, never reported. */
void rb_switch_result(struct page *page)
{
	switch (page_ref_freeze(page, 1)) {
	case 0:
		get_page(page);
		break;
	default:
		page_ref_unfreeze(page, 1);
		break;
	}
}

int rb_recursive(struct page *page, int n)
{
	if (!n)
		return page_ref_freeze(page, 1);
	if (rb_recursive(page, n - 1))
		page_ref_unfreeze(page, 1);
	return 0;
}

#define RB_TEN(m, b)	m(b##0) m(b##1) m(b##2) m(b##3) m(b##4) \
			m(b##5) m(b##6) m(b##7) m(b##8) m(b##9)
#define RB_ONE(i)	if (page_ref_freeze(pages[i], 1)) page_ref_unfreeze(pages[i], 1); \
			get_page(pages[i]);

/*
 * Clean, and more distinct pages than the pass tracks in a function: no
 * report, and the record says the function was not fully checked.
 */
/* { dg-unchecked "^rb_many_pages$" } */
void rb_many_pages(struct page **pages)
{
	RB_TEN(RB_ONE, ) RB_TEN(RB_ONE, 1) RB_TEN(RB_ONE, 2) RB_TEN(RB_ONE, 3)
	RB_TEN(RB_ONE, 4) RB_TEN(RB_ONE, 5) RB_TEN(RB_ONE, 6) RB_TEN(RB_ONE, 7)
}
