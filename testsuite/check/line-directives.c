// SPDX-License-Identifier: GPL-2.0
/*
 * #line and linemarkers in a source file (testsuite/sparse/scripted-tests.sh
 * checks this one by hand: its findings are where the directives say, not
 * where the expectations of the corpus could be written).  Both engines
 * must agree: the reported place follows every directive; the exemption of
 * the helper headers goes by the file a linemarker entered (flag 1), which
 * #line and a plain linemarker only rename; a directive in a false #if
 * group and a return (flag 2) to a file that did not enter are ignored.
 */
#include <linux/mm.h>

#if 0
#line 500 "never.c"
#endif
void ld_plain(struct page *page)
{
	set_page_count(page, 1);	/* line-directives.c:18 */
}

#line 100 "include/linux/page_ref.h"
void ld_renamed(struct page *page)
{
	set_page_count(page, 1);	/* include/linux/page_ref.h:102, not exempt */
}

# 1 "include/linux/page_ref.h" 1
void ld_entered(struct page *page)
{
	set_page_count(page, 1);	/* exempt */
}

# 30 "line-directives.c" 2
void ld_bad_return(struct page *page)
{
	set_page_count(page, 1);	/* still in the entered header: exempt */
}
