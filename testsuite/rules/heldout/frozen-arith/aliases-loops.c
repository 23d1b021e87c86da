// SPDX-License-Identifier: GPL-2.0
/*
 * Held-out frozen-arith cases, mm/compaction.c and mm/vmscan.c style:
 * a page reached through another variable, stored freeze results, and
 * pages carried around loops.
 */
#include <linux/mm.h>

void hd_touch(struct page *page);
void hd_mark(struct folio *folio);
void hd_log(struct page *page);

/* The folio taken after the freeze is the same page. */
void hd_alias_after(struct page *page)
{
	struct folio *folio;

	if (!page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		return;
	folio = page_folio(page);
	folio_get(folio); /* { dg-warning "'folio_get' on a page that is frozen" } */
}

/* A maybe-null copy made after the freeze. */
void hd_maybe_copy(struct page *page, bool keep)
{
	struct page *p;

	if (!page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		return;
	p = keep ? page : NULL;
	if (p)
		get_page(p); /* { dg-warning "'get_page' on a page that is frozen" } */
}

/* The copy is frozen, the original put. */
void hd_copy_frozen(struct page *page)
{
	struct page *victim = page;

	if (!page_ref_freeze(victim, 1)) /* { dg-note "the page was frozen here" } */
		return;
	put_page(page); /* { dg-warning "'put_page' on a page that is frozen" } */
}

/* The head of a frozen compound page is the page itself. */
void hd_head_ref(struct page *page, int nr)
{
	struct page *head = compound_head(page);

	if (!page_ref_freeze(head, 1)) /* { dg-note "the page was frozen here" } */
		return;
	page_ref_add(page, nr); /* { dg-warning "'page_ref_add' on a page that is frozen" } */
}

/* A folio declared in the branch of a test-to-zero. */
void hd_testzero_folio(struct page *page)
{
	if (put_page_testzero(page)) { /* { dg-note "the page was frozen here" } */
		struct folio *folio = page_folio(page);

		hd_mark(folio);
		folio_put(folio); /* { dg-warning "'folio_put' on a page that is frozen" } */
	}
}

/* A stored freeze result tested after some logging. */
int hd_stored(struct page *page)
{
	bool frozen = page_ref_freeze(page, 1); /* { dg-note "the page was frozen here" } */

	hd_log(page);
	if (!frozen)
		return -1;
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
	return 0;
}

/* Clean: the stored result unfreezes, both ways are live after. */
void hd_stored_ok(struct page *page)
{
	bool frozen = page_ref_freeze(page, 1);

	hd_log(page);
	if (frozen)
		page_ref_unfreeze(page, 1);
	get_page(page);
}

/* The page frozen at the end of one round is got at the start of the next. */
void hd_loop_carry(struct page **pages, int n)
{
	struct page *page = pages[0];
	int i;

	for (i = 0; i < n; i++) {
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen" } */
		if (!page_ref_freeze(page, 2)) /* { dg-note "the page was frozen here" } */
			break;
		hd_touch(page);
	}
}

/* Clean: each round works on a new folio. */
void hd_scan(struct folio **batch, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct folio *folio = batch[i];

		if (folio_ref_freeze(folio, 1)) {
			hd_mark(folio);
			continue;
		}
		folio_get(folio);
	}
}

/* A break out of the retry loop with the page frozen. */
void hd_break_frozen(struct page *page, int tries)
{
	while (tries--) {
		if (page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
			break;
		hd_touch(page);
	}
	page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen" } */
}

/* Clean: the copy points at another page by the time it is used. */
void hd_copy_moved(struct page *page, struct page *other)
{
	struct page *p = page;

	if (!page_ref_freeze(page, 1))
		return;
	p = other;
	get_page(p);
	page_ref_unfreeze(page, 1);
}
