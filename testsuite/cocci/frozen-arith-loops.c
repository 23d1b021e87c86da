/* SPDX-License-Identifier: GPL-2.0 */
/* Jumps and loops: frozen where a goto/break/continue leaves a successful freeze test (j1-j6), after a retry loop (j7, j8), round a loop (j9); not past an unfreeze, a page that changes, or back into a retry loop body (ok1-ok8).  Expected: frozen-arith-loops.report. */
void j1(struct page *page)
{
	if (page_ref_freeze(page, 1))
		goto out;
	return;
out:
	get_page(page);
}
void j2(struct page *page, int tries)
{
	while (tries--) {
		if (page_ref_freeze(page, 1))
			break;
		relax();
	}
	page_ref_inc(page);
}
void j3(struct page *page, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		page_ref_inc(page);
		if (page_ref_sub_and_test(page, 2))
			continue;
		relax();
	}
}
int j4(struct page *a, struct page *b)
{
	if (!page_ref_freeze(a, 1) || !page_ref_freeze(b, 1))
		goto fail;
	return 0;
fail:
	put_page(a);
	return -1;
}
int j5(struct page *page)
{
	int tries = 3;

retry:
	get_page(page);
	if (page_ref_sub_and_test(page, 2) && tries--)
		goto retry;
	return 0;
}
void j6(struct folio *folio, int n)
{
	while (n--) {
		if (folio_ref_freeze(folio, 1)) {
			relax();
			continue;
		}
	}
	folio_get(folio);
}
void j7(struct page *page)
{
	while (!page_ref_freeze(page, 2))
		relax();
	put_page(page);
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
void j8(struct page *page)
{
	do {
		relax();
	} while (!page_ref_freeze(page, 2));
	put_page(page);
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
		get_page(page);
		if (!page_ref_freeze(page, 2))
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
