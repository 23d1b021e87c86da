// SPDX-License-Identifier: GPL-2.0
/*
 * Loops and switches: states joined where paths meet and carried around
 * back edges until they settle; page + i with a variable i is a new page
 * every iteration.
 */
#include <linux/mm.h>

int lp_pending(struct page *page);
void lp_relax(void);

/* Clean: tail pages frozen one by one, nothing done to them after. */
void lp_freeze_tails(struct page *page, int nr)
{
	int i;

	for (i = 1; i < nr; i++)
		set_page_count_as_frozen(page + i);
	init_page_count(page);
	page_ref_inc(page);
}

/* Clean: a pointer walking the pages is a new page every step. */
void lp_walk_tails(struct page *page, struct page *end)
{
	struct page *p;

	for (p = page + 1; p < end; p++) {
		set_page_count_as_frozen(p);
		page_ref_unfreeze(p, 1);
		get_page(p);
	}
}

/* Clean: each iteration takes its own page's reference after freezing. */
void lp_unfreeze_each(struct page *page, int nr)
{
	int i;

	for (i = 0; i < nr; i++) {
		if (!page_ref_freeze(page + i, 1))
			continue;
		page_ref_unfreeze(page + i, 1);
		get_page(page + i);
	}
}

/* Frozen on the path leaving by break. */
void lp_break_frozen(struct page *page, int tries)
{
	while (tries--) {
		if (page_ref_freeze(page, 1)) /* { dg-note "frozen here" } */
			break;
		lp_relax();
	}
	page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
}

/* Clean: the loop freezes and unfreezes within each iteration. */
void lp_freeze_unfreeze_each(struct page *page, int tries)
{
	while (tries--) {
		if (!page_ref_freeze(page, 1))
			continue;
		lp_pending(page);
		page_ref_unfreeze(page, 1);
	}
	get_page(page);
}

/*
 * Frozen at the bottom of the loop, used at its top: found on iteration 2.
 * The increment does not end the frozen state (only an unfreeze or an
 * init does), so the dec-and-test after it is reported too.
 */
void lp_back_edge(struct page *page, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
		if (page_ref_sub_and_test(page, 2)) /* { dg-warning "'page_ref_sub_and_test' on a page that is frozen" } */
			continue;		    /* { dg-note "frozen here" .-1 } */
		lp_pending(page);		    /* { dg-note "frozen here" .-2 } */
	}
}

/* Clean: the same loop, the page made live again before looping. */
void lp_back_edge_ok(struct page *page, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		page_ref_inc(page);
		if (page_ref_sub_and_test(page, 2))
			init_page_count(page);
	}
}

/* Clean: a do-while retry leaves only frozen. */
void lp_retry(struct page *page)
{
	do {
		lp_relax();
	} while (!page_ref_freeze(page, 2));
	page_ref_unfreeze(page, 2);
	put_page(page);
}

void lp_retry_bad(struct page *page)
{
	do {
		lp_relax();
	} while (!page_ref_freeze(page, 2)); /* { dg-note "frozen here" } */
	put_page(page); /* { dg-warning "'put_page' on a page that is frozen" } */
}

/* A goto back to the top after the count reached zero. */
int lp_goto_retry(struct page *page)
{
	int tries = 3;

retry:
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
	if (lp_pending(page)) {
		if (page_ref_sub_and_test(page, 2) && tries--) /* { dg-warning "'page_ref_sub_and_test' on a page that is frozen" } */
			goto retry;	/* { dg-note "frozen here" .-1 } */
		return -1;		/* { dg-note "frozen here" .-2 } */
	}
	return 0;
}

enum lp_mode { LP_FREEZE, LP_GET, LP_NONE };

/* Clean: frozen on one case, live on another: not definitely live. */
int lp_switch_unfreeze(struct page *page, enum lp_mode mode)
{
	switch (mode) {
	case LP_FREEZE:
		if (!page_ref_freeze(page, 1))
			return -1;
		break;
	case LP_GET:
		get_page(page);
		break;
	default:
		return 0;
	}
	page_ref_unfreeze(page, 1);
	put_page(page);
	return 0;
}

void lp_switch_get(struct page *page, enum lp_mode mode)
{
	switch (mode) {
	case LP_FREEZE:
		set_page_count_as_frozen(page); /* { dg-note "frozen here" } */
		break;
	case LP_GET:
		break;
	default:
		return;
	}
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
}

void lp_switch_live(struct page *page, enum lp_mode mode)
{
	switch (mode) {
	case LP_GET:
		get_page(page);
		break;
	default:
		init_page_count(page);
		break;
	}
	page_ref_unfreeze(page, 1); /* { dg-warning "'page_ref_unfreeze' on a page that is not frozen" } */
}

/* Clean: every case that freezes also unfreezes. */
void lp_switch_balanced(struct page *page, enum lp_mode mode)
{
	switch (mode) {
	case LP_FREEZE:
		if (page_ref_freeze(page, 1))
			page_ref_unfreeze(page, 1);
		break;
	case LP_NONE:
		set_page_count_as_frozen(page);
		fallthrough_label:
		init_page_count(page);
		break;
	default:
		goto fallthrough_label;
	}
	get_page(page);
}

/* Clean: a nested loop over the pages of several folios. */
void lp_nested(struct folio **folios, int nr, int pages)
{
	int i, j;

	for (i = 0; i < nr; i++) {
		struct folio *folio = folios[i];

		if (!folio_ref_freeze(folio, 1))
			continue;
		for (j = 1; j < pages; j++)
			set_page_count_as_frozen(folio_page(folio, j));
		folio_ref_unfreeze(folio, 1);
		folio_get(folio);
	}
}
