/* SPDX-License-Identifier: GPL-2.0 */
/* only struct page/folio _refcount: other known types never (k, e: look-alikes); unknown type (unk) reported; a page in a folio, a cast address, a plain read/copy/.counter of a struct value reported, no rewrite.  Expected: direct-refcount-types.report. */
struct kref_like { atomic_t _refcount; };
int f(struct page *page, struct kref_like *k, struct pool_entry *e, struct folio *folio, struct page **vec)
{
	atomic_t saved = page->_refcount;
	struct folio copy = *folio;
	atomic_set(&k->_refcount, 0);
	atomic_inc(&e->_refcount);
	e->bias = atomic_read(&e->_refcount) + k->_refcount.counter;
	atomic_inc(&unk->_refcount);
	return atomic_read(&folio->page._refcount) + atomic_read((atomic_t *)&vec[0]->_refcount) + copy._refcount.counter + saved.counter;
}
