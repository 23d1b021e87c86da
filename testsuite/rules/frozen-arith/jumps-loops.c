// SPDX-License-Identifier: GPL-2.0
/* Jumps and loops: frozen where a goto/continue leaves a successful freeze test (j1, j3-j6; a break: loops.c), after a retry loop (j7; a bounded retry: loops.c), round a loop (j9); not past an unfreeze, a page that changes, or back into a retry loop body (ok1-ok8). */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);
struct list_head { struct list_head *next, *prev; };
bool list_empty(const struct list_head *head);
struct folio *lru_to_folio(struct list_head *head);
#define list_for_each_entry_safe(pos, n, head, member) \
	for (pos = lru_to_folio(head), n = pos; pos; pos = n, n = lru_to_folio(head))

void j1(struct page *page)
{
	if (page_ref_freeze(page, 1)) /* { dg-note "the page was frozen here" } */
		goto out;
	return;
out:
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
}
void j3(struct page *page, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		page_ref_inc(page); /* { dg-warning "'page_ref_inc' on a page that is frozen on some path to this call" } */
		if (page_ref_sub_and_test(page, 2)) /* { dg-warning "'page_ref_sub_and_test' on a page that is frozen on some path to this call" } */ /* { dg-note "the page was frozen here" } */ /* { dg-note "the page was frozen here" } */
			continue;
		relax();
	}
}
int j4(struct page *a, struct page *b)
{
	if (!page_ref_freeze(a, 1) || !page_ref_freeze(b, 1)) /* { dg-note "the page was frozen here" } */
		goto fail;
	return 0;
fail:
	put_page(a); /* { dg-warning "'put_page' on a page that is frozen on some path to this call" } */
	return -1;
}
int j5(struct page *page)
{
	int tries = 3;

retry:
	get_page(page); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
	if (page_ref_sub_and_test(page, 2) && tries--) /* { dg-warning "'page_ref_sub_and_test' on a page that is frozen on some path to this call" } */ /* { dg-note "the page was frozen here" } */ /* { dg-note "the page was frozen here" } */
		goto retry;
	return 0;
}
void j6(struct folio *folio, int n)
{
	while (n--) {
		if (folio_ref_freeze(folio, 1)) { /* { dg-note "the page was frozen here" } */
			relax();
			continue;
		}
	}
	folio_get(folio); /* { dg-warning "'folio_get' on a page that is frozen on some path to this call" } */
}
void j7(struct page *page)
{
	while (!page_ref_freeze(page, 2)) /* { dg-note "the page was frozen here" } */
		relax();
	put_page(page); /* { dg-warning "'put_page' on a page that is frozen on some path to this call" } */
}
void ok1(struct page *page, int x)
{
	for (;;) {
		switch (x) {
		case 1:
			if (page_ref_freeze(page, 1))
				break;
			return;
		}
		page_ref_unfreeze(page, 1);
		break;
	}
	get_page(page);
}
void ok2(struct page *page, int tries)
{
	while (tries--) {
		if (page_ref_freeze(page, 1)) {
			page_ref_unfreeze(page, 1);
			break;
		}
	}
	page_ref_inc(page);
}
void ok3(struct list_head *pages)
{
	struct folio *folio, *next;

	list_for_each_entry_safe(folio, next, pages, lru) {
		if (!folio_put_testzero(folio))
			continue;
		relax();
	}
}
void ok4(struct list_head *list)
{
	while (!list_empty(list)) {
		struct folio *folio = lru_to_folio(list);

		if (folio_put_testzero(folio)) {
			relax();
			continue;
		}
		relax();
	}
}
void ok5(struct page *page, struct page *end)
{
	struct page *p;

	for (p = page; p < end; p++) {
		if (page_ref_freeze(p, 1))
			continue;
		get_page(p);
	}
}
void ok6(struct page **pages, int n)
{
	struct page *page;
	int i = 0;

	while ((page = pages[i++])) {
		if (page_ref_freeze(page, 1))
			continue;
		get_page(page);
	}
}
void ok7(struct page *page)
{
	do {
		get_page(page);
		put_page(page);
	} while (page_ref_freeze(page, 2) == 0);
	page_ref_unfreeze(page, 2);
	put_page(page);
}
void j9(struct page *first)
{
	struct page *page = first;
	int i;

	for (i = 0; i < 2; i++) {
		get_page(page); /* { dg-warning "'get_page' on a page that is frozen on some path to this call" } */
		if (!page_ref_freeze(page, 2)) /* { dg-note "the page was frozen here" } */
			return;
		relax();
	}
}
void ok8(struct list_head *list)
{
	while (!list_empty(list)) {
		struct folio *folio = lru_to_folio(list);

		folio_get(folio);
		if (!folio_ref_freeze(folio, 2))
			break;
		relax();
	}
}
