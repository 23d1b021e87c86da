// SPDX-License-Identifier: GPL-2.0
/*
 * Clean but tempting: nothing here may be reported.  The refcount helpers
 * used as meant, look-alike names, other structs' _refcount fields, a
 * local struct named like page in another scope, and calls through
 * pointers.
 */
#include <linux/mm.h>

struct kref_like {
	atomic_t _refcount;
};

struct page_pool_entry {
	struct page *page;
	atomic_t _refcount;
	int _refcount_bias;
};

static void set_page_count_hint(struct page *page, int v)
{
	(void)page;
	(void)v;
}

static int my_atomic_read(const atomic_t *v)
{
	return v->counter;
}

int helpers(struct page *page, struct folio *folio)
{
	int r;

	set_page_count_as_frozen(page);
	init_page_count(page);
	init_folio_count(folio);
	page_ref_add(page, 2);
	folio_ref_sub(folio, 1);
	r = page_ref_count(page) + folio_ref_count(folio) + page_count(page);
	if (page_ref_freeze(page, 1))
		page_ref_unfreeze(page, 1);
	if (folio_ref_freeze(folio, 2))
		folio_ref_unfreeze(folio, 2);
	return r;
}

int look_alikes(struct page *page, struct kref_like *k, struct page_pool_entry *e)
{
	int _refcount = 1;

	set_page_count_hint(page, 0);
	atomic_set(&k->_refcount, 0);
	atomic_inc(&e->_refcount);
	e->_refcount_bias = atomic_read(&e->_refcount) + _refcount;
	return my_atomic_read(&k->_refcount) + k->_refcount.counter;
}

/* Pointers to the setter: not a call to it here. */
void (*const setter)(struct page *, int) = set_page_count;

void through_pointer(struct page *page, void (*fn)(struct page *, int))
{
	fn(page, 0);
}

/* A struct page of another scope with its own _refcount: not the kernel's. */
int other_scope(void)
{
	struct page { int _refcount; } local = { 1 };

	return local._refcount;
}
