/* SPDX-License-Identifier: GPL-2.0 */
#ifndef REFGUARD_RESPONSE_FILE_H
#define REFGUARD_RESPONSE_FILE_H

/*
 * argv with every @file replaced by the arguments it holds, as gcc reads
 * them (response-file.c): a new NULL-terminated array of malloc'd strings
 * and its length in *argc, or NULL after saying why (exit 2 for the
 * caller): an unreadable or self-naming response file.
 */
char **rg_expand_response_files(int *argc, char **argv);

#endif
