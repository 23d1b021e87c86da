// SPDX-License-Identifier: GPL-2.0
/*
 * Unusual but valid GNU C around the rules' trees: nested functions,
 * statement expressions, VLAs, K&R definitions, _Generic, asm, computed
 * goto, compound literals, designated initializers, recursion through
 * function pointers.  Findings inside them are found; nothing crashes.
 */
#include <linux/mm.h>

typedef void (*setter_t)(struct page *, int);

int nested(struct page *page, int n)
{
	int vla[n + 1];

	/* A GNU C nested function gets no callback of its own. */
	void reset(struct page *p)
	{
		set_page_count(p, 1); /* { dg-warning "use 'init_page_count'" } */
				      /* { dg-fixit "init_page_count(p)" .-1 } */
	}
	reset(page);
	vla[n] = atomic_read(&page[sizeof(vla) / sizeof(vla[0]) - 1]._refcount); /* { dg-warning "use 'page_ref_count'" } */
										 /* { dg-fixit "page_ref_count(&page[sizeof(vla) / sizeof(vla[0]) - 1])" .-1 } */
	return vla[n];
}

/*
 * The C front end keeps no source range for a statement expression's
 * value: reported, no fix-it.
 */
int statement_expr(struct page *page)
{
	return ({
		int __c = ({ atomic_read(&page->_refcount); }); /* { dg-warning "use 'page_ref_count'" } */
		__c + 1; /* { dg-fixit "page_ref_count(page)" .-1 } */ /* known-miss: plugin: GCC keeps no source range for a statement expression's value */
	});
}

int kr(page, v)
	struct page *page;
	int v;
{
	set_page_count(page, v); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API \[refguard" } */
	return v;
}

#define count_of(x) _Generic((x),					\
	struct page *: atomic_read(&((struct page *)(x))->_refcount), /* { dg-warning "use 'page_ref_count'" } */ /* { dg-fixit "page_ref_count(((struct page *)(x)))" } */ \
	struct folio *: folio_ref_count((struct folio *)(x)))

int generic(struct page *page, struct folio *folio)
{
	return count_of(page) + count_of(folio);
}

int with_asm(struct page *page)
{
	int r;

	asm volatile("" : "=r"(r) : "m"(page->_refcount)); /* { dg-warning "direct access to 'page->_refcount'" } */
	asm volatile("" : : "r"(&page->_refcount) : "memory");
	return r;
}

int computed_goto(struct page *page, int i)
{
	static void *labels[] = { &&zero, &&one };

	goto *labels[i & 1];
zero:
	set_page_count(page, 0); /* { dg-warning "use 'set_page_count_as_frozen'" } */
				 /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
	return 0;
one:
	return atomic_read(&((struct page){ .flags = 0 })._refcount); /* { dg-warning "direct access to 'page->_refcount'" } */
	// { dg-fixit "page_ref_count(&((struct page){ .flags = 0 }))" .-1 }
}

void through_pointers(struct page *page, setter_t fn)
{
	setter_t fns[] = { set_page_count, fn };

	fns[1](page, 0);
	(*set_page_count)(page, 0); /* { dg-warning "raw 'set_page_count'" } */
	(set_page_count)(page, 1); /* { dg-warning "raw 'set_page_count'" } */
}

/* A thousand columns in, where GCC may stop tracking columns. */
void long_line(struct page *page) { int x = 0;                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                         set_page_count(page, 0); (void)x; } /* { dg-warning "use 'set_page_count_as_frozen'" } */
																																											    /* { dg-fixit "set_page_count_as_frozen(page)" .-1 } */
