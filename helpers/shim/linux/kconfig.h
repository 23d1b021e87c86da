/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stands in for include/linux/kconfig.h, which kbuild force-includes (so
 * does `refguard helpers`, with -include).  The harness builds the tree's
 * helpers as with CONFIG_DEBUG_VM=y, so that their debug assertions are
 * there to be checked, whether a tree spells them VM_BUG_ON() (always
 * defined, see mmdebug.h), #ifdef CONFIG_DEBUG_VM or IS_ENABLED().
 * Nothing is built as a module.
 */
#ifndef __LINUX_KCONFIG_H
#define __LINUX_KCONFIG_H

#ifndef RG_NO_DEBUG_VM
#define CONFIG_DEBUG_VM 1
#endif

#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)

#define IS_BUILTIN(option)	__is_defined(option)
#define IS_MODULE(option)	0
#define IS_REACHABLE(option)	__is_defined(option)
#define IS_ENABLED(option)	__is_defined(option)

#endif
