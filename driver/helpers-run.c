// SPDX-License-Identifier: GPL-2.0
/*
 * Running a harness binary under a time limit.
 *
 * The harness bounds each of its checks itself (helpers/harness/
 * watchdog.c) and says what was stuck.  This is the last line, for a
 * harness that cannot even do that (a thread wedged holding a lock the
 * watchdog needs, a stopped process): past the limit the child is
 * killed, and the run is a failed check, not a hang.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "driver.h"
#include "helpers.h"
#include "spawn.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int rg_helpers_run(char *const argv[], long limit)
{
	const struct timespec tick = { 0, 20 * 1000 * 1000 };
	double deadline = now() + limit;
	int status;
	pid_t pid, got;

	fflush(stdout);
	fflush(stderr);
	pid = rg_spawn(argv, -1, -1, NULL);
	if (pid < 0)
		return -1;
	for (;;) {
		got = waitpid(pid, &status, WNOHANG);
		if (got == pid)
			break;
		if (got < 0 && errno != EINTR) {
			rg_fail("waiting for %s: %s", argv[0], strerror(errno));
			return -1;
		}
		if (now() > deadline) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			fprintf(stderr, "refguard: %s was still running after %ld s, past every bound of its checks: killed\n",
				argv[0], limit);
			return -2;
		}
		nanosleep(&tick, NULL);
	}
	if (WIFSIGNALED(status)) {
		rg_fail("%s died from signal %d", argv[0], WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status);
}
