/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tree on the series' v4 (8 Jun 2026): set_page_count_as_frozen()
 * renamed set_page_count_frozen(), init_page_count() offered as
 * set_page_count_init(); no init_folio_count() in any posting.
 */
#ifndef SPELLINGS_V4_H
#define SPELLINGS_V4_H

typedef struct { int counter; } atomic_t;
void atomic_set(atomic_t *v, int i);

struct page { atomic_t _refcount; };
struct folio { struct page page; };

void set_page_count(struct page *page, int v);
void folio_set_count(struct folio *folio, int v);
void set_page_count_frozen(struct page *page);
void set_page_count_init(struct page *page);
void get_page(struct page *page);

#endif
