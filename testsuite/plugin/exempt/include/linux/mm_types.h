/* SPDX-License-Identifier: GPL-2.0 */
/* Functions defined in a file ending in include/linux/mm_types.h are exempt. */
#ifndef REFGUARD_TEST_EXEMPT_MM_TYPES_H
#define REFGUARD_TEST_EXEMPT_MM_TYPES_H

#include <linux/mm.h>

static inline void folio_init_raw(struct folio *folio)
{
	folio_set_count(folio, 1);
	atomic_set(&folio->_refcount, 1);
}

#endif
