/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The report channel: how the harness tells `refguard helpers` that a
 * check finished, and with which verdict (report.c says why the exit
 * status cannot).  Shared by the harness and the driver
 * (driver/helpers-run.c), which reads the records.
 *
 * The driver hands the harness one end of an AF_UNIX SOCK_SEQPACKET
 * socket pair (--report-fd N), with one message waiting on it: a nonce of
 * RG_REPORT_NONCE_LEN hex digits.  Every record is then one message:
 *
 *	<nonce> done <check> pass|failed|unfinished
 *	<nonce> end <number of checks run>
 *
 * "done" once per check, as it ends; "end" once, after the last.
 */
#ifndef RG_HARNESS_REPORT_H
#define RG_HARNESS_REPORT_H

#define RG_REPORT_NONCE_LEN	32
#define RG_REPORT_MAX		256	/* bytes in a record, at most */

#define RG_REPORT_DONE		"done"
#define RG_REPORT_END		"end"
#define RG_REPORT_PASS		"pass"
#define RG_REPORT_FAILED	"failed"
#define RG_REPORT_UNFINISHED	"unfinished"

#ifndef RG_REPORT_PROTOCOL_ONLY
/* Read the nonce from fd, which carries the records from now on. */
void rg_report_open(int fd);
/* The check now running (NULL: none). */
void rg_report_begin(const char *check);
/*
 * The running check's verdict from its exit status (RG_EXIT_*): written
 * once per check, whoever ends it first (the check, the watchdog, a
 * VM_BUG_ON that ends the run).
 */
void rg_report_verdict(int status);
/* Every check asked for has run. */
void rg_report_end(int nr_checks);
/* End the run on a verdict: record it for the running check, then exit. */
void rg_exit(int status) __attribute__((noreturn));
/* The same with _exit(), for when other threads cannot be waited for. */
void rg__exit(int status) __attribute__((noreturn));
#endif

#endif
