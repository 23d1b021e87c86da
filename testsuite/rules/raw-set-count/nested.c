// SPDX-License-Identifier: GPL-2.0
/* Raw setters in GNU C nested functions: functions of their own. */
/* known-fail: cocci>=1.3: spatch 1.3's patch mode stops on a nested function ("already tagged token"), so refguard fix exits 2 */
#include <linux/mm.h>

/* Nothing calls the inline: its nested function is still code. */
static inline void rn_unused(struct page *page)
{
	void rn_in_inline(struct page *p)
	{
		set_page_count(p, 1); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'init_page_count'" } */ /* { dg-fixit "init_page_count(p)" } */ /* known-miss: cocci: spatch does not match inside a nested function */
	}
	rn_in_inline(page);
}

void rn_count(struct page *page, int n)
{
	void rn_frozen(struct page *p)
	{
		if (!page_ref_freeze(p, 1))
			return;
		set_page_count(p, n); /* { dg-warning "raw 'set_page_count' call bypasses the page refcount API; use 'page_ref_unfreeze'" } */ /* { dg-fixit "page_ref_unfreeze" } */ /* known-miss: cocci: spatch does not match inside a nested function */
	}
	rn_frozen(page);
}
