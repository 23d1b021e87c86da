// SPDX-License-Identifier: GPL-2.0
/*
 * A unit declaring two spellings of one role (a tree half-way through
 * the rename): the fix-it uses the one its code calls, and a note says
 * so.
 */
struct page { int _refcount; };

void set_page_count(struct page *page, int v);
void set_page_count_as_frozen(struct page *page);
void set_page_count_frozen(struct page *page);

void converted(struct page *page)
{
	set_page_count_frozen(page);
}

void unconverted(struct page *page)
{
	set_page_count(page, 0); /* { dg-warning "; use 'set_page_count_frozen' \[refguard" } */
				 /* { dg-fixit "set_page_count_frozen(page)" .-1 } */
				 /* { dg-note "this unit declares set_page_count_as_frozen and set_page_count_frozen \(the frozen setter\); set_page_count_frozen is the one its code calls" .-2 } */
}
