// SPDX-License-Identifier: GPL-2.0
/*
 * Running a harness binary, and what counts as its verdict.
 *
 * The tree's helpers run inside the harness, so its exit status is
 * whatever they make it: a helper that calls exit(0) in the first check
 * used to end the run with "all checks passed".  The verdict is taken
 * from records instead (helpers/harness/report.c has the why,
 * report.h the protocol).  Before it starts the harness, refguard makes
 * a socket pair, puts a fresh nonce on it and names the checks it wants
 * (--only); a check passed only if the harness sent "<nonce> done
 * <check> pass" for it, and the run passed only if every check did, the
 * harness then sent "<nonce> end <n>" with n the number of checks, and
 * exited with status 0.  Everything else is not a pass:
 *
 *   - a "failed" record: the check failed (its report is above);
 *   - an exit with a sanitizer's status (set here, 66-68): the sanitizer
 *     found an error, in whichever check had not recorded its end;
 *   - a check without a record: it did not finish -- named, with how the
 *     harness ended (exit status, signal, killed for time);
 *   - an "unfinished" record: it ran out of its time budget;
 *   - a message without the nonce, a second record for one check, a
 *     record after the end, a wrong count, an unclean exit after the
 *     last record: not trusted.
 *
 * A failure outranks everything else (exit 1); the rest is "could not
 * check" (exit 2).
 *
 * The harness bounds each of its checks itself (helpers/harness/
 * watchdog.c) and says what was stuck.  The time limit here is the last
 * line, for a harness that cannot even do that (stopped, or wedged
 * holding a lock the watchdog needs): past it the harness is killed, and
 * what it did not record did not finish.  It runs in a process group of
 * its own, which is killed when it ends, so that a helper that forked
 * cannot leave a copy of the harness behind, sending records.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "driver.h"
#include "helpers.h"
#define RG_REPORT_PROTOCOL_ONLY
#include "../helpers/harness/report.h"

enum verdict { NONE, PASS, FAILED, UNFINISHED };

struct run {
	const char *label;		/* the binary's name */
	const char *suffix;		/* after a check's name: "", " (tsan)" */
	char nonce[RG_REPORT_NONCE_LEN + 1];
	const char *const *checks;
	int nr_checks;
	enum verdict *verdict;		/* per check */
	int end;			/* the end record's count, or -1 */
	bool untrusted;			/* a message that is not a record in its place */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool make_nonce(char *out)
{
	unsigned char raw[RG_REPORT_NONCE_LEN / 2];
	size_t i;

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
		rg_fail("getrandom: %s", strerror(errno));
		return false;
	}
	for (i = 0; i < sizeof(raw); i++)
		sprintf(out + 2 * i, "%02x", raw[i]);
	return true;
}

/* Something on the channel that is not a record where it is: say it. */
static void untrusted(struct run *r, const char *why, const char *msg, size_t len)
{
	char shown[64];
	size_t i;

	for (i = 0; i < len && i < sizeof(shown) - 1; i++)
		shown[i] = msg[i] >= ' ' && msg[i] < 127 ? msg[i] : '?';
	shown[i] = '\0';
	fprintf(stderr, "refguard: %s: %s on the harness's report channel: '%s%s'\n",
		r->label, why, shown, len > i ? "..." : "");
	r->untrusted = true;
}

static void record(struct run *r, const char *msg, size_t len)
{
	char text[RG_REPORT_MAX + 1], check[RG_REPORT_MAX], word[RG_REPORT_MAX], extra;
	const char *rest;
	int i, n;

	if (len < RG_REPORT_NONCE_LEN + 1 || len > RG_REPORT_MAX ||
	    memchr(msg, '\0', len) || memcmp(msg, r->nonce, RG_REPORT_NONCE_LEN) ||
	    msg[RG_REPORT_NONCE_LEN] != ' ') {
		untrusted(r, "a message that is not a record", msg, len);
		return;
	}
	memcpy(text, msg, len);
	text[len] = '\0';
	rest = text + RG_REPORT_NONCE_LEN + 1;
	if (r->end >= 0) {
		untrusted(r, "a record after the end record", msg, len);
		return;
	}
	if (sscanf(rest, RG_REPORT_END " %d %c", &n, &extra) == 1) {
		r->end = n;
		return;
	}
	if (sscanf(rest, RG_REPORT_DONE " %s %s %c", check, word, &extra) != 2) {
		untrusted(r, "a record refguard does not know", msg, len);
		return;
	}
	for (i = 0; i < r->nr_checks && strcmp(check, r->checks[i]); i++)
		;
	if (i == r->nr_checks) {
		untrusted(r, "a record for a check refguard did not ask for", msg, len);
		return;
	}
	if (r->verdict[i] != NONE) {
		untrusted(r, "a second record for one check", msg, len);
		/* A failure stays a failure. */
		if (strcmp(word, RG_REPORT_FAILED))
			return;
	}
	if (!strcmp(word, RG_REPORT_PASS))
		r->verdict[i] = PASS;
	else if (!strcmp(word, RG_REPORT_FAILED))
		r->verdict[i] = FAILED;
	else if (!strcmp(word, RG_REPORT_UNFINISHED))
		r->verdict[i] = UNFINISHED;
	else
		untrusted(r, "a verdict refguard does not know", msg, len);
}

/* Every message waiting on fd; false at end of file (no writer left). */
static bool drain(struct run *r, int fd)
{
	char msg[RG_REPORT_MAX + 1];
	ssize_t n;

	for (;;) {
		n = recv(fd, msg, sizeof(msg), MSG_DONTWAIT | MSG_TRUNC);
		if (n == 0)
			return false;
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
		record(r, msg, (size_t)n < sizeof(msg) ? (size_t)n : sizeof(msg));
	}
}

static pid_t start(char *const argv[], int report_fd)
{
	pid_t parent = getpid();
	pid_t pid = fork();

	if (pid < 0) {
		rg_fail("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/* A group of its own: whatever it forks is killed with it. */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(127);
		if (fcntl(report_fd, F_SETFD, 0) < 0)
			_exit(127);
		execv(argv[0], argv);
		fprintf(stderr, "refguard: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	return pid;
}

/* The harness has ended (or is to be killed): its group goes with it. */
static int finish(pid_t pid, struct run *r, int fd, bool *open)
{
	int status;

	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* What it sent before it ended is queued; nothing can come later. */
	if (*open)
		*open = drain(r, fd);
	return status;
}

/* How the harness ended, for "did not finish" lines. */
static char *ended(const char *name, int status, bool killed, long limit)
{
	if (killed)
		return rg_strdup_printf("%s was killed after %ld s, past every bound of its checks",
					name, limit);
	if (WIFSIGNALED(status))
		return rg_strdup_printf("%s died from signal %d (%s)", name, WTERMSIG(status),
					strsignal(WTERMSIG(status)));
	return rg_strdup_printf("%s exited with status %d", name, WEXITSTATUS(status));
}

static const char *sanitizer(int status)
{
	if (!WIFEXITED(status))
		return NULL;
	switch (WEXITSTATUS(status)) {
	case RG_CHECK_TSAN:
		return "ThreadSanitizer reported a data race (above): a helper orders memory too weakly";
	case RG_CHECK_ASAN:
		return "AddressSanitizer reported an error (above)";
	case RG_CHECK_UBSAN:
		return "UndefinedBehaviorSanitizer reported undefined behaviour (above)";
	}
	return NULL;
}

static int verdict(struct run *r, int status, bool killed, long limit)
{
	char *how = ended(r->label, status, killed, limit);
	const char *san = killed ? NULL : sanitizer(status);
	bool failed = false, missing = false, unfinished = false, first = true;
	int i;

	for (i = 0; i < r->nr_checks; i++) {
		failed |= r->verdict[i] == FAILED;
		unfinished |= r->verdict[i] == UNFINISHED;
	}
	for (i = 0; i < r->nr_checks; i++) {
		if (r->verdict[i] != NONE)
			continue;
		if (san && !failed) {
			/* The check that was running when it reported. */
			fprintf(stderr, "refguard: %s%s: %s\n", r->checks[i], r->suffix, san);
			failed = true;
		} else if (!failed) {
			fprintf(stderr, "refguard: %s%s: %s: no completion record from the harness (%s); unchecked\n",
				r->checks[i], r->suffix,
				first ? "did not finish" : "did not finish either", how);
			missing = true;
			first = false;
		}
	}
	if (failed) {
		free(how);
		return RG_CHECK_FAILED;
	}
	if (!missing && !unfinished && !r->untrusted &&
	    (r->end != r->nr_checks || killed || !WIFEXITED(status) || WEXITSTATUS(status))) {
		fprintf(stderr, "refguard: %s: every check recorded its end, but %s%s: not trusted\n",
			r->label, how,
			r->end < 0 ? " without an end record" :
			r->end != r->nr_checks ? " and its end record has the wrong count" : "");
		r->untrusted = true;
	}
	free(how);
	return missing || unfinished || r->untrusted ? RG_CHECK_UNFINISHED : RG_CHECK_PASS;
}

int rg_helpers_run(char *const argv[], long limit, const char *suffix,
		   const char *const checks[], int nr_checks)
{
	const double deadline = now() + limit;
	const char *base = strrchr(argv[0], '/');
	struct run r = { .label = base ? base + 1 : argv[0], .suffix = suffix,
			 .checks = checks, .nr_checks = nr_checks, .end = -1 };
	char *args[64], fdarg[16];
	int sv[2], status = 0, n, ret;
	bool open = true, killed = false;
	pid_t pid;

	for (n = 0; argv[n] && n < 60; n++)
		args[n] = argv[n];
	if (!make_nonce(r.nonce))
		return -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) {
		rg_fail("socketpair: %s", strerror(errno));
		return -1;
	}
	if (send(sv[0], r.nonce, RG_REPORT_NONCE_LEN, MSG_NOSIGNAL) != RG_REPORT_NONCE_LEN) {
		rg_fail("the harness's report channel: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	snprintf(fdarg, sizeof(fdarg), "%d", sv[1]);
	args[n++] = "--report-fd";
	args[n++] = fdarg;
	args[n] = NULL;
	r.verdict = calloc(nr_checks, sizeof(*r.verdict));
	fflush(stdout);
	fflush(stderr);
	pid = r.verdict ? start(args, sv[1]) : -1;
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		free(r.verdict);
		return -1;
	}
	for (;;) {
		struct pollfd p = { .fd = sv[0], .events = POLLIN };
		siginfo_t info = { 0 };

		if (open && poll(&p, 1, 20) > 0)
			open = drain(&r, sv[0]);
		else if (!open)
			nanosleep(&(struct timespec){ 0, 20 * 1000 * 1000 }, NULL);
		/* Ended, not yet reaped: its pid (and group) cannot be reused. */
		if (!waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) && info.si_pid == pid)
			break;
		if (now() > deadline) {
			fprintf(stderr, "refguard: %s was still running after %ld s, past every bound of its checks: killed\n",
				argv[0], limit);
			killed = true;
			break;
		}
	}
	status = finish(pid, &r, sv[0], &open);
	close(sv[0]);
	ret = verdict(&r, status, killed, limit);
	free(r.verdict);
	return ret;
}
