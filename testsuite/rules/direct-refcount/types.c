// SPDX-License-Identifier: GPL-2.0
/* only struct page/folio _refcount: other known types never (k, e: look-alikes); another declared struct (unk) never; a page in a folio, a cast address, a plain read/copy/.counter of a struct value reported, no rewrite. */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);
struct pool_entry { atomic_t _refcount; int bias; };
struct unk_s { atomic_t _refcount; };
extern struct unk_s *unk;

struct kref_like { atomic_t _refcount; };
int f(struct page *page, struct kref_like *k, struct pool_entry *e, struct folio *folio, struct page **vec)
{
	atomic_t saved = page->_refcount; /* { dg-warning "direct access to 'page\->_refcount' outside the page refcount helpers" } */
	struct folio copy = *folio;
	atomic_set(&k->_refcount, 0);
	atomic_inc(&e->_refcount);
	e->bias = atomic_read(&e->_refcount) + k->_refcount.counter;
	atomic_inc(&unk->_refcount);
	return atomic_read(&folio->page._refcount) + atomic_read((atomic_t *)&vec[0]->_refcount) + copy._refcount.counter + saved.counter; /* { dg-warning "direct access to '.*_refcount' outside" } */ /* { dg-warning "direct access to '.*_refcount' outside" } */ /* { dg-warning "direct access to '.*_refcount' outside" } */
	/* { dg-fixit "page_ref_count(&folio->page)" .-1 } */ /* known-miss: cocci: no rewrite for a member's _refcount */
}
