// SPDX-License-Identifier: GPL-2.0
/*
 * Completion records (the protocol is in report.h).
 *
 * The tree's helpers run inside this process, so how the process ends is
 * something a helper can decide: exit(0), _exit(0) or quick_exit(0) in a
 * helper, a SIGABRT handler that exits, a thread that does, an atexit
 * handler that replaces the status, a fork whose parent leaves first --
 * each ends the run with the status of a pass, whatever was checked.  So
 * the exit status is not the verdict.  A check counts as passed only on
 * the record written here after its function has returned; the driver
 * states which checks it asked for (--only) and requires a record for
 * each, then an end record naming how many ran, and a clean exit.  A
 * check without its record did not finish, whatever the status says.
 *
 * A failure is recorded the same way, by whichever path ends the check
 * on it (the check itself, a VM_BUG_ON that ends the run, a stress
 * violation, the watchdog), before anything else is printed, so that a
 * report which a helper then prevents from ending normally still counts.
 *
 * Records go out with send() on the socket the driver made: a helper
 * that closes the descriptor, or puts a file in its place with dup2(),
 * loses the records, never fakes them, and a line a helper writes to
 * every descriptor carries no nonce.  What no in-process check can stop
 * is a header written to forge the records, reading the nonce out of
 * this process's memory: the records make ending the process early
 * worthless, they do not sandbox the helpers.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "report.h"
#include "watchdog.h"

static int report_fd = -1;
static char nonce[RG_REPORT_NONCE_LEN + 1];
static const char *current;	/* the running check (atomic) */
static int recorded;		/* its verdict has been sent (atomic) */

void rg_report_open(int fd)
{
	ssize_t n = recv(fd, nonce, sizeof(nonce), 0);
	int i;

	for (i = 0; n == RG_REPORT_NONCE_LEN && i < n; i++)
		if (!strchr("0123456789abcdef", nonce[i]) || !nonce[i])
			break;
	if (n != RG_REPORT_NONCE_LEN || i != n) {
		fprintf(stderr, "rg-check: --report-fd %d: no nonce on it (it is for refguard helpers)\n", fd);
		_exit(RG_EXIT_USAGE);
	}
	nonce[n] = '\0';
	/* Not for anything the helpers might execute. */
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	report_fd = fd;
}

static void __attribute__((format(printf, 1, 2))) send_record(const char *fmt, ...)
{
	char rec[RG_REPORT_MAX];
	va_list ap;
	int len, more;

	if (report_fd < 0)
		return;
	len = snprintf(rec, sizeof(rec), "%s ", nonce);
	va_start(ap, fmt);
	more = vsnprintf(rec + len, sizeof(rec) - len, fmt, ap);
	va_end(ap);
	/* Lost if a helper closed or replaced the socket: the driver says so. */
	if (more > 0 && len + more < (int)sizeof(rec))
		send(report_fd, rec, len + more, MSG_NOSIGNAL);
}

void rg_report_begin(const char *check)
{
	__atomic_store_n(&current, NULL, __ATOMIC_RELEASE);
	__atomic_store_n(&recorded, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&current, check, __ATOMIC_RELEASE);
}

void rg_report_verdict(int status)
{
	const char *check = __atomic_load_n(&current, __ATOMIC_ACQUIRE);
	const char *verdict;

	switch (status) {
	case RG_EXIT_PASS:
		verdict = RG_REPORT_PASS;
		break;
	case RG_EXIT_FAILED:
		verdict = RG_REPORT_FAILED;
		break;
	case RG_EXIT_UNFINISHED:
		verdict = RG_REPORT_UNFINISHED;
		break;
	default:
		/* Bad usage, no thread: no verdict, so the check did not finish. */
		return;
	}
	if (check && !__atomic_exchange_n(&recorded, 1, __ATOMIC_ACQ_REL))
		send_record(RG_REPORT_DONE " %s %s", check, verdict);
}

void rg_report_end(int nr_checks)
{
	send_record(RG_REPORT_END " %d", nr_checks);
}

void rg_exit(int status)
{
	rg_report_verdict(status);
	exit(status);
}

void rg__exit(int status)
{
	rg_report_verdict(status);
	_exit(status);
}
