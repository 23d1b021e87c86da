// SPDX-License-Identifier: GPL-2.0
/* Process, path and message helpers shared by the driver's commands. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver.h"

int rg_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("refguard: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return RG_EXIT_TROUBLE;
}

char *rg_strdup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		perror("refguard");
		exit(RG_EXIT_TROUBLE);
	}
	va_end(ap);
	return s;
}

const char *rg_srcdir(void)
{
	const char *env = getenv("REFGUARD_SRCDIR");

	return env && *env ? env : REFGUARD_SRCDIR;
}

char *rg_path(const char *rel)
{
	return rg_strdup_printf("%s/%s", rg_srcdir(), rel);
}

char *rg_kernel_tree(const char *opt_dir)
{
	char *script, *out = NULL, *argv[3];
	size_t len;
	struct stat st;

	if (opt_dir) {
		char *ref = rg_strdup_printf("%s/include/linux/page_ref.h", opt_dir);

		if (stat(ref, &st)) {
			rg_fail("%s is not a kernel tree (no include/linux/page_ref.h)",
				opt_dir);
			free(ref);
			return NULL;
		}
		free(ref);
		return realpath(opt_dir, NULL);
	}
	script = rg_path("scripts/kernel.sh");
	argv[0] = script;
	argv[1] = (char *)"src";
	argv[2] = NULL;
	if (rg_run(argv, &out, &len) != 0 || len == 0) {
		rg_fail("could not get the default kernel tree (see above)");
		free(out);
		return NULL;
	}
	out[strcspn(out, "\n")] = '\0';
	return out;
}

int rg_run(char *const argv[], char **out, size_t *out_len)
{
	int pipefd[2] = { -1, -1 };
	int status;
	pid_t pid;

	if (out && pipe(pipefd)) {
		rg_fail("pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		rg_fail("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (out) {
			dup2(pipefd[1], STDOUT_FILENO);
			close(pipefd[0]);
			close(pipefd[1]);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "refguard: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	if (out) {
		size_t cap = 4096, len = 0;
		char *buf = malloc(cap);
		ssize_t n;

		close(pipefd[1]);
		while (buf && (n = read(pipefd[0], buf + len, cap - len - 1)) != 0) {
			if (n < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			len += n;
			if (cap - len < 2)
				buf = realloc(buf, cap *= 2);
		}
		close(pipefd[0]);
		if (buf)
			buf[len] = '\0';
		*out = buf;
		if (out_len)
			*out_len = len;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(status)) {
		rg_fail("%s died from signal %d", argv[0], WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status);
}
