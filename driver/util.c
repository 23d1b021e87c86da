// SPDX-License-Identifier: GPL-2.0
/* Process, path and message helpers shared by the driver's commands. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "spawn.h"

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
	int out_fd = -1, status;
	pid_t pid;

	if (out) {
		*out = NULL;
		out_fd = rg_anon_file("refguard-stdout");
		if (out_fd < 0)
			return -1;
	}
	pid = rg_spawn(argv, out_fd, -1, NULL);
	status = pid < 0 ? -1 : rg_wait(pid, argv[0]);
	if (out) {
		*out = rg_slurp_fd(out_fd, out_len);
		close(out_fd);
	}
	return status;
}
