/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Temporary directories that do not outlive the command: removed by
 * rg_tmpdir_remove(), at exit(), and when SIGINT, SIGTERM, SIGHUP or
 * SIGPIPE ends the process (the handler removes them, then lets the signal
 * kill the process as it would have).  Owned by the gate engineer; meant
 * for every command that makes /tmp/refguard-* directories (gate's
 * overlay, report's and fix's spatch work directories, annotate).
 * REFGUARD_KEEP_TEMP=1 keeps them for debugging.
 */
#ifndef REFGUARD_TMPDIR_H
#define REFGUARD_TMPDIR_H

/*
 * mkdtemp "$TMPDIR/refguard-<what>.XXXXXX" ($TMPDIR unset: /tmp) and
 * register it.  Returns the malloc'd path, or NULL after a message.
 */
char *rg_tmpdir_create(const char *what);

/* Remove dir (recursively) and forget it. */
void rg_tmpdir_remove(const char *dir);

#endif
