/* SPDX-License-Identifier: GPL-2.0 */
/* Stands in for include/linux/compiler.h: the few annotations page_ref.h uses. */
#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#ifndef __always_inline
#define __always_inline		inline __attribute__((__always_inline__))
#endif
#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile typeof(x) *)&(x) = (val))
#define barrier()		__asm__ __volatile__("" ::: "memory")

#endif
