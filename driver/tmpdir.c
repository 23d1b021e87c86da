// SPDX-License-Identifier: GPL-2.0
/*
 * Temporary directories removed even when a signal ends the command; see
 * tmpdir.h.  This file belongs to the gate engineer; other commands are
 * welcome to use it (say so here if you change its behaviour).
 *
 * The signal handler may only do async-signal-safe things: it cannot
 * malloc, so the registry is a fixed array of fixed-size paths, changed
 * with the handled signals blocked; it removes each directory by fork()
 * and execve() of rm -rf (both async-signal-safe), then restores the
 * default action and re-raises the signal, so the exit status still
 * says "killed by SIGINT" to the shell or CI runner.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "driver.h"
#include "tmpdir.h"

#define MAX_TMPDIRS 16

static char dirs[MAX_TMPDIRS][PATH_MAX];
static volatile sig_atomic_t in_use[MAX_TMPDIRS];
static bool installed, keep;
static pid_t owner;		/* a forked child before its exec removes nothing */
static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

static void block(sigset_t *old)
{
	sigset_t set;
	unsigned int i;

	sigemptyset(&set);
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaddset(&set, signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* rm -rf dir, async-signal-safe: no stdio, no malloc. */
static void remove_tree(const char *dir)
{
	char *const argv[] = { "rm", "-rf", "--", (char *)dir, NULL };
	char *const envp[] = { NULL };
	int status;
	pid_t pid;

	if (keep || getpid() != owner)
		return;
	pid = fork();
	if (pid == 0) {
		execve("/bin/rm", argv, envp);
		execve("/usr/bin/rm", argv, envp);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
}

static void remove_all(void)
{
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	int i, try;

	if (keep || getpid() != owner)
		return;
	for (i = 0; i < MAX_TMPDIRS; i++) {
		if (!in_use[i])
			continue;
		/*
		 * A child (spatch, gcc) may still be writing into it: it dies
		 * with us, not before us.  Retry for up to a second.
		 */
		for (try = 0; try < 10; try++) {
			remove_tree(dirs[i]);
			if (access(dirs[i], F_OK))
				break;
			nanosleep(&pause, NULL);
		}
		in_use[i] = 0;
	}
}

static void on_signal(int sig)
{
	int saved = errno;

	remove_all();
	signal(sig, SIG_DFL);
	errno = saved;
	raise(sig);
}

static void install(void)
{
	struct sigaction sa;
	unsigned int i;

	if (installed)
		return;
	installed = true;
	keep = getenv("REFGUARD_KEEP_TEMP") != NULL;
	owner = getpid();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaddset(&sa.sa_mask, signals[i]);
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		struct sigaction old;

		/* a signal the caller's parent ignores (nohup) stays ignored */
		if (!sigaction(signals[i], NULL, &old) && old.sa_handler == SIG_IGN)
			continue;
		sigaction(signals[i], &sa, NULL);
	}
	atexit(remove_all);
}

char *rg_tmpdir_create(const char *what)
{
	const char *base = getenv("TMPDIR");
	char *path;
	sigset_t old;
	int i;

	path = rg_strdup_printf("%s/refguard-%s.XXXXXX", base && *base ? base : "/tmp", what);
	if (strlen(path) >= PATH_MAX) {
		rg_fail("temporary directory name too long: %s", path);
		free(path);
		return NULL;
	}
	install();
	block(&old);
	for (i = 0; i < MAX_TMPDIRS && in_use[i]; i++)
		;
	if (i == MAX_TMPDIRS) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		rg_fail("too many temporary directories");
		free(path);
		return NULL;
	}
	/* made with the signals blocked: no window where it exists unregistered */
	if (!mkdtemp(path)) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		rg_fail("cannot create a temporary directory %s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	strcpy(dirs[i], path);
	in_use[i] = 1;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return path;
}

void rg_tmpdir_remove(const char *dir)
{
	sigset_t old;
	int i;

	if (!dir)
		return;
	block(&old);
	for (i = 0; i < MAX_TMPDIRS; i++)
		if (in_use[i] && !strcmp(dirs[i], dir)) {
			remove_tree(dirs[i]);
			in_use[i] = 0;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
}
