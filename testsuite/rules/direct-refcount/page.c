// SPDX-License-Identifier: GPL-2.0
/*
 * direct-refcount on struct page: atomic ops on &page->_refcount (with the
 * rules/direct.def helper as a fix-it where one exists), .counter,
 * assignment and copies.  Compiled to assembly: the syntactic rules run
 * in a normal build too.
 */
#include <linux/mm.h>

void wake_up_var(void *var);

int read_count(struct page *page)
{
	return atomic_read(&page->_refcount); /* { dg-warning "direct access to 'page->_refcount' outside the page refcount helpers; use 'page_ref_count' \[refguard-direct-refcount\]" } */
					      /* { dg-fixit "page_ref_count(page)" .-1 } */
}

void change_count(struct page *page, int nr)
{
	atomic_inc(&page->_refcount); /* { dg-warning "use 'page_ref_inc'" } */
				      /* { dg-fixit "page_ref_inc(page)" .-1 } */
	atomic_dec(&page->_refcount); /* { dg-warning "use 'page_ref_dec'" } */
				      /* { dg-fixit "page_ref_dec(page)" .-1 } */
	atomic_add(nr, &page->_refcount); /* { dg-warning "use 'page_ref_add'" } */
					  /* { dg-fixit "page_ref_add(page, nr)" .-1 } */
	atomic_sub(nr * 2, &page->_refcount); /* { dg-warning "use 'page_ref_sub'" } */
					      /* { dg-fixit "page_ref_sub(page, nr * 2)" .-1 } */
	atomic_set(&page->_refcount, 1); /* { dg-warning "use 'init_page_count'" } */
					 /* { dg-fixit "init_page_count(page)" .-1 } */
	atomic_set(&page->_refcount, 0); /* { dg-warning "use 'set_page_count_as_frozen'" } */
					 /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
}

int test_count(struct page *page, int nr)
{
	int r = 0;

	r += atomic_inc_return(&page->_refcount); /* { dg-warning "use 'page_ref_inc_return'" } */
						  /* { dg-fixit "page_ref_inc_return(page)" .-1 } */
	r += atomic_dec_return(&page->_refcount); /* { dg-warning "use 'page_ref_dec_return'" } */
						  /* { dg-fixit "page_ref_dec_return(page)" .-1 } */
	r += atomic_dec_and_test(&page->_refcount); /* { dg-warning "use 'page_ref_dec_and_test'" } */
						    /* { dg-fixit "page_ref_dec_and_test(page)" .-1 } */
	r += atomic_sub_and_test(nr, &page->_refcount); /* { dg-warning "use 'page_ref_sub_and_test'" } */
							/* { dg-fixit "page_ref_sub_and_test(page, nr)" .-1 } */
	r += atomic_add_unless(&page->_refcount, 1, 0); /* { dg-warning "use 'page_ref_add_unless'" } */
							/* { dg-fixit "page_ref_add_unless(page, 1, 0)" .-1 } */
	return r;
}

/* No page helper, or a count with no constant rewrite: reported only. */
void no_rewrite(struct page *page, int nr)
{
	atomic_sub_return(nr, &page->_refcount); /* { dg-warning "direct access to 'page->_refcount' outside the page refcount helpers \[refguard-direct-refcount\]" } */
	atomic_set(&page->_refcount, nr); /* { dg-warning "helpers \[refguard-direct-refcount\]" } */
	atomic_set(&page->_refcount, 3); /* { dg-warning "helpers \[refguard-direct-refcount\]" } */
	atomic_cmpxchg(&page->_refcount, 1, 0); /* { dg-warning "helpers \[refguard-direct-refcount\]" } */
	atomic_set_release(&page->_refcount, 1); /* { dg-warning "helpers \[refguard-direct-refcount\]" } */
}

/* Not through atomic_*(): the field itself is read, written or copied. */
int field_access(struct page *page, struct page *other)
{
	atomic_t saved = page->_refcount; /* { dg-warning "direct access to 'page->_refcount'" } */

	page->_refcount = other->_refcount; /* { dg-warning "direct access to '.*_refcount' outside" } */
					    /* { dg-warning "direct access to '.*_refcount' outside" .-1 } */
	page->_refcount.counter = 1; /* { dg-warning "direct access to 'page->_refcount'" } */
	return saved.counter + other->_refcount.counter; /* { dg-warning "direct access to '.*_refcount' outside" } */
}

/* Other spellings of the page: kept as written. */
int spellings(struct page *pages, struct page **vec, int i)
{
	int r;

	r = atomic_read(&pages[i]._refcount); /* { dg-warning "direct access to '.*_refcount' outside" } */
					      /* { dg-fixit "page_ref_count(&pages[i])" .-1 } */ /* known-miss: cocci: no rewrite for an array element's _refcount */
	r += atomic_read(&(pages + 1)->_refcount); /* { dg-warning "use 'page_ref_count'" } */
						   /* { dg-fixit "page_ref_count((pages + 1))" .-1 } */
	r += atomic_read(&vec[i] -> _refcount); /* { dg-warning "use 'page_ref_count'" } */
						/* { dg-fixit "page_ref_count(vec[i])" .-1 } */
	r += atomic_read((atomic_t *)&vec[0]->_refcount); /* { dg-warning "direct access to '.*_refcount' outside" } */
	return r;
}

/* The raw atomics under the instrumented ones: reported, no rewrite. */
static inline int raw_atomic_read(const atomic_t *v)
{
	return v->counter;
}

static inline int arch_atomic_read(const atomic_t *v)
{
	return v->counter;
}

int raw_reads(struct page *page)
{
	return raw_atomic_read(&page->_refcount) + /* { dg-warning "helpers \[refguard-direct-refcount\]" } */
	       arch_atomic_read(&page->_refcount); /* { dg-warning "helpers \[refguard-direct-refcount\]" } */
}
