// SPDX-License-Identifier: GPL-2.0
/* _refcount in GNU C nested functions: functions of their own. */
#include <linux/mm.h>

int dn_outer(struct page *page)
{
	int dn_read(struct page *p)
	{
		return atomic_read(&p->_refcount); /* { dg-warning "direct access to 'page->_refcount' outside the page refcount helpers; use 'page_ref_count'" } */ /* { dg-fixit "page_ref_count(p)" } */ /* known-miss: cocci: spatch 1.1 does not match inside a nested function, 1.3 finds the access without its type, so with no rewrite */ /* known-extra: cocci>=1.3: that finding, with no suggestion */
	}
	return dn_read(page);
}
