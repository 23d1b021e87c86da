# SPDX-License-Identifier: GPL-2.0
#
# Sourced by run-tests: helpers that end the harness from inside (issue
# 20, item 2).  The helpers run in the harness's process, so they can
# end it with any status; a check passes only on the completion record
# the harness sends once the check's function has returned.
#
# One tree: 6.12's page_ref.h with rg_evil() called first in
# page_ref_count(), page_ref_inc(), page_ref_dec_and_test() and
# page_ref_add_unless(); rg_evil() (in the tree's own rg-evil.h, which
# page_ref.h includes with "...") does what $RG_EVIL names, once the
# check $RG_EVIL_IN names has started (spec by default; asserts: while
# the harness traces assertions; stress: on a thread other than main).
# Each case is one run of the same binary.

t=escape-tree
esc=$trees/escape
if mktree escape &&
   awk '{ print }
	/^#include <linux\/tracepoint-defs.h>/ { print "#include \"rg-evil.h\"" }
	$0 == "{" && prev ~ /^static inline .* (page_ref_count|page_ref_inc|page_ref_dec_and_test|page_ref_add_unless)\(/ { print "\trg_evil(page);"; n++ }
	{ prev = $0 }
	END { if (n != 4) exit 1 }' "$esc/include/linux/page_ref.h" > "$log/page_ref.h" &&
   mv "$log/page_ref.h" "$esc/include/linux/page_ref.h" &&
   cat > "$esc/include/linux/rg-evil.h" <<'EOF'
/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers that end the harness, for testsuite/helpers/escape-tests.sh. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/mmdebug.h>

static int rg_evil_once;

static void rg_evil_exit0(int sig)
{
	_exit(0);
}

static void *rg_evil_thread(void *arg)
{
	exit(0);
}

static void rg_evil_atexit(void)
{
	_exit(0);
}

/* Records as refguard's would be, without the nonce, on every descriptor. */
static void rg_evil_forge(void)
{
	static const char *const lines[] = {
		"done spec pass", "done asserts pass", "done stress pass",
		"done explore pass", "end 4",
	};
	int fd, i;

	for (fd = 3; fd < 64; fd++)
		for (i = 0; i < 5; i++)
			if (write(fd, lines[i], strlen(lines[i])) < 0)
				break;
}

static void rg_evil(const struct page *page)
{
	const char *evil = getenv("RG_EVIL"), *in = getenv("RG_EVIL_IN");
	int i;

	if (!evil)
		return;
	if (in && !strcmp(in, "asserts") && !rg_vm_trace)
		return;
	if (in && !strcmp(in, "stress") && syscall(SYS_gettid) == getpid())
		return;
	if (!strcmp(evil, "exit")) {
		exit(0);
	} else if (!strcmp(evil, "_exit")) {
		_exit(0);
	} else if (!strcmp(evil, "quick_exit")) {
		quick_exit(0);
	} else if (!strcmp(evil, "abort-handler")) {
		signal(SIGABRT, rg_evil_exit0);
		abort();
	} else if (!strcmp(evil, "thread-exit")) {
		pthread_t t;

		pthread_create(&t, NULL, rg_evil_thread, NULL);
		pthread_join(t, NULL);
	} else if (!strcmp(evil, "atexit-fail")) {
		/* Fail every test, and turn the harness's status 1 into 0. */
		if (!rg_evil_once++)
			atexit(rg_evil_atexit);
		VM_BUG_ON(page);
	} else if (!strcmp(evil, "close-fds")) {
		/* Then carry on: every check runs and passes, unrecorded. */
		if (!rg_evil_once++)
			for (i = 3; i < 1024; i++)
				close(i);
	} else if (!strcmp(evil, "forge")) {
		rg_evil_forge();
		_exit(0);
	} else if (!strcmp(evil, "fork")) {
		/* The parent leaves; the child carries on with the checks. */
		if (!rg_evil_once++) {
			pid_t child = fork();
			const char *pidfile = getenv("RG_EVIL_PIDFILE");
			FILE *f;

			if (child > 0)
				_exit(0);
			if (!child && pidfile && (f = fopen(pidfile, "w"))) {
				fprintf(f, "%d\n", (int)getpid());
				fclose(f);
			}
		}
	} else if (!strcmp(evil, "sigkill")) {
		raise(SIGKILL);
	} else if (!strcmp(evil, "stop")) {
		/* The whole process, watchdog included. */
		raise(SIGSTOP);
	} else if (!strcmp(evil, "ub")) {
		static volatile int shift = 33, sink;

		sink = 1 << shift;
	} else if (!strcmp(evil, "pthread_exit")) {
		/* The calling thread ends; the process (and watchdog) live on. */
		pthread_exit(NULL);
	} else if (!strcmp(evil, "spin")) {
		for (;;)
			;
	}
}

/* Before main(): before the harness has even read its nonce. */
__attribute__((constructor)) static void rg_evil_early(void)
{
	const char *evil = getenv("RG_EVIL");

	if (evil && !strcmp(evil, "constructor"))
		_exit(0);
}
EOF
then
	# The tree is sane without RG_EVIL: every check records a pass.
	if helpers --kernel "$esc" --no-tsan --iterations 20000 &&
	   grep -q '^refguard helpers: all checks passed$' "$log/out"; then
		pass $t
	else
		cat "$log/out"; fail $t "the escape tree does not pass without RG_EVIL"
	fi
else
	fail $t "could not make the tree"
fi

# escape EVIL IN STATUS 'GREP'... [-- ARGS]: run with RG_EVIL=EVIL in check
# IN, expect STATUS and each line pattern; never "all checks passed".
escape() {
	es_evil=$1 es_in=$2 es_want=$3; shift 3
	es_pats=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		es_pats="$es_pats
$1"
		shift
	done
	[ "$1" = -- ] && shift
	t=escape-$es_evil-in-$es_in
	export RG_EVIL="$es_evil" RG_EVIL_IN="$es_in"
	helpers --kernel "$esc" --no-tsan --iterations 20000 "$@"
	es_status=$?
	unset RG_EVIL RG_EVIL_IN
	es_bad=
	[ "$es_status" = "$es_want" ] || es_bad="status $es_status, not $es_want"
	grep -q 'all checks passed' "$log/out" && es_bad="$es_bad; said all checks passed"
	es_ifs=$IFS; IFS='
'
	for es_p in $es_pats; do
		grep -q -- "$es_p" "$log/out" || es_bad="$es_bad; no line '$es_p'"
	done
	IFS=$es_ifs
	if [ -z "$es_bad" ]; then
		pass $t
	else
		cat "$log/out"; fail $t "$es_bad"
	fi
}

notrun='did not finish: no completion record from the harness'
if [ -f "$esc/include/linux/rg-evil.h" ]; then
	# Each way out of the process, in the first check: exit 2, naming it.
	for e in exit _exit quick_exit abort-handler thread-exit constructor; do
		escape $e spec 2 "^refguard: spec: $notrun (rg-check exited with status 0); unchecked\$" \
			"^refguard: explore: did not finish either" '^refguard helpers: NOT FINISHED'
	done
	# After two checks have passed: the third is named, not the first.
	escape exit stress 2 "^refguard: stress: $notrun (rg-check exited with status 0)" \
		"^refguard: explore: did not finish either"
	escape _exit asserts 2 "^refguard: asserts: $notrun (rg-check exited with status 0)"
	# The records have no nonce: refguard says what it got.
	escape forge spec 2 "^refguard: rg-check: a message that is not a record on the harness's report channel: 'done spec pass'"
	# Every check runs, but its record cannot be sent.
	escape close-fds spec 2 "^refguard: spec: $notrun (rg-check exited with status 0)" \
		'^explore: 9 scenarios, .* 0 failed$'
	# A failure stays a failure, whatever the status turns into.
	escape atexit-fail spec 1 '^refguard helpers: FAILED$'
	# The parent leaves, its child runs on: killed with it, its records
	# (if any made it) count for nothing more than what they say.
	rm -f "$log/child.pid"
	export RG_EVIL_PIDFILE="$log/child.pid"
	escape fork spec 2 "^refguard: [a-z]*: $notrun (rg-check exited with status 0)"
	unset RG_EVIL_PIDFILE
	sleep 1
	t=escape-fork-child-killed
	child=$(cat "$log/child.pid" 2>/dev/null)
	state=$(sed -n 's/^[0-9]* (.*) \(.\).*/\1/p' "/proc/$child/stat" 2>/dev/null)
	if [ -n "$child" ] && { [ -z "$state" ] || [ "$state" = Z ]; }; then
		pass $t
	else
		fail $t "the forked harness (pid '$child', state '$state') outlived refguard helpers"
	fi
	# UBSan used to print its report and carry on to a pass.
	escape ub spec 1 '^refguard: spec: UndefinedBehaviorSanitizer reported undefined behaviour (above)$' \
		'runtime error: shift exponent 33' '^refguard helpers: FAILED$'
	escape sigkill spec 2 "^refguard: spec: $notrun (rg-check died from signal 9 (Killed))"
	# A helper that spins, or ends the thread that called it: the
	# watchdog's report, recorded before it is printed (exit 1).  A stopped harness cannot report: refguard's own
	# time limit kills it, and the check did not finish (exit 2).
	escape spin spec 1 '^spec: STUCK: no progress for 2 s' '^refguard helpers: FAILED$' -- --only spec --timeout 20
	escape pthread_exit spec 1 '^spec: STUCK: no progress for 2 s' '^refguard helpers: FAILED$' -- --only spec --timeout 20
	escape stop spec 2 "^refguard: spec: $notrun (rg-check was killed after 31 s, past every bound of its checks)" \
		'was still running after 31 s' -- --only spec --timeout 1
fi
