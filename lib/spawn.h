/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running tools whose stderr matters (gcc, sparse, patch, spatch): start
 * several at once with their output going to anonymous files, wait for
 * them, then read what they printed.  rg_run() is the simple stdout-only
 * case built on these.  A child gets SIGTERM when
 * refguard dies, so no tool outlives an interrupted command.
 */
#ifndef REFGUARD_SPAWN_H
#define REFGUARD_SPAWN_H

#include <stddef.h>
#include <sys/types.h>

/* An anonymous, seekable temporary file (memfd), or -1 with a message. */
int rg_anon_file(const char *name);

/*
 * Start argv with stdout/stderr redirected to out_fd/err_fd (-1: inherit)
 * and, if dir is non-NULL, in that directory.  Returns the pid, or -1.
 */
pid_t rg_spawn(char *const argv[], int out_fd, int err_fd, const char *dir);

/*
 * Wait for pid: its exit status, or -1 (with a message naming what) if it
 * died from a signal.  127 means it could not be executed.
 */
int rg_wait(pid_t pid, const char *what);

/* The whole content of fd from offset 0, NUL-terminated; len may be NULL. */
char *rg_slurp_fd(int fd, size_t *len);

/* The whole content of a file, NUL-terminated, or NULL (errno set). */
char *rg_slurp_file(const char *path, size_t *len);

/*
 * Run argv (NULL-terminated) and wait.  Returns the exit status, or -1 if
 * it could not be started or died from a signal (with a message).
 * If out is non-NULL, stdout is captured into *out (NUL-terminated,
 * malloc'd) and its length into *out_len.
 */
int rg_run(char *const argv[], char **out, size_t *out_len);

#endif
