// SPDX-License-Identifier: GPL-2.0
/* atomics on _refcount -> helpers by pointer type; address-only (wake_up_var, prefetch, wait key) never flagged; no helper / unknown type -> report only. */
#include <linux/mm.h>

void relax(void);
void work(struct page *page);
struct x { struct page *y; };
void wake_up_var(void *var);
void prefetch(const void *p);
int atomic_fetch_add_unless(atomic_t *v, int a, int u);
int atomic_try_cmpxchg(atomic_t *v, int *old, int a, int b);
static int old;
#define ___wait_var_event(var, cond, state, excl, ret, cmd) \
	({ (void)(var); while (!(cond)) cmd; 0; })
void schedule(void);

int f(struct page *page, struct folio *folio, struct x *x)
{
	wake_up_var(&folio->_refcount);
	prefetch(&page->_refcount);
	atomic_add(3, &page->_refcount); /* { dg-warning "direct access to 'page\->_refcount' outside the page refcount helpers; use 'page_ref_add'" } */ /* { dg-fixit "page_ref_add(page, 3)" } */
	atomic_set(&folio->_refcount, 1); /* { dg-warning "direct access to 'folio\->_refcount' outside the page refcount helpers; use 'init_folio_count'" } */ /* { dg-fixit "init_folio_count(folio)" } */
	atomic_add_unless(&page->_refcount, 1, 0); /* { dg-warning "direct access to 'page\->_refcount' outside the page refcount helpers; use 'page_ref_add_unless'" } */ /* { dg-fixit "page_ref_add_unless(page, 1, 0)" } */
	atomic_fetch_add_unless(&page->_refcount, 1, 0); /* { dg-warning "direct access to 'page\->_refcount' outside the page refcount helpers" } */
	atomic_try_cmpxchg(&page->_refcount, &old, 0, 5); /* { dg-warning "direct access to 'page\->_refcount' outside the page refcount helpers" } */
	return ___wait_var_event(&page->_refcount, atomic_read(&page->_refcount) == 1, TASK_INTERRUPTIBLE, 0, 0, schedule()) + atomic_read(&x->y->_refcount); /* { dg-warning "direct access to '.*_refcount' outside" } */ /* { dg-warning "direct access to '.*_refcount' outside" } */ /* { dg-fixit "page_ref_count(page)" } */ /* { dg-fixit "page_ref_count(x->y)" } */
}
