/* SPDX-License-Identifier: GPL-2.0 */
/* atomics on _refcount -> helpers by pointer type; address-only (wake_up_var, prefetch, wait key) never flagged; no helper / unknown type -> report only.  Expected: direct-refcount.res (patch), direct-refcount.report (report). */
int f(struct page *page, struct folio *folio, struct x *x)
{
	wake_up_var(&folio->_refcount);
	prefetch(&page->_refcount);
	atomic_add(3, &page->_refcount);
	atomic_set(&folio->_refcount, 1);
	atomic_add_unless(&page->_refcount, 1, 0);
	atomic_fetch_add_unless(&page->_refcount, 1, 0);
	atomic_try_cmpxchg(&page->_refcount, &old, 0, 5);
	return ___wait_var_event(&page->_refcount, atomic_read(&page->_refcount) == 1, TASK_INTERRUPTIBLE, 0, 0, schedule()) + atomic_read(&x->y->_refcount);
}
