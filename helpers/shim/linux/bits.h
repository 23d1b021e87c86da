/* SPDX-License-Identifier: GPL-2.0 */
/* Stands in for include/linux/bits.h (and vdso/bits.h): BIT() is unsigned long. */
#ifndef __LINUX_BITS_H
#define __LINUX_BITS_H

#define UL(x)			(x##UL)
#define ULL(x)			(x##ULL)
#define BIT(nr)			(UL(1) << (nr))
#define BIT_ULL(nr)		(ULL(1) << (nr))

#endif
