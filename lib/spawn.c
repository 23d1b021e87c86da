// SPDX-License-Identifier: GPL-2.0
/*
 * Child processes: the spawn/wait/slurp primitives and rg_run() on top of
 * them; see spawn.h.
 */
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spawn.h"
#include "util.h"

int rg_anon_file(const char *name)
{
	int fd = memfd_create(name, MFD_CLOEXEC);

	if (fd < 0)
		rg_fail("memfd_create: %s", strerror(errno));
	return fd;
}

pid_t rg_spawn(char *const argv[], int out_fd, int err_fd, const char *dir)
{
	pid_t parent = getpid();
	pid_t pid = fork();

	if (pid < 0) {
		rg_fail("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/*
		 * A tool outlives refguard only to waste the machine and write
		 * into temporary directories refguard has already removed.
		 */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(127);
		if (out_fd >= 0)
			dup2(out_fd, STDOUT_FILENO);
		if (err_fd >= 0)
			dup2(err_fd, STDERR_FILENO);
		if (dir && chdir(dir)) {
			fprintf(stderr, "refguard: cannot enter %s: %s\n", dir,
				strerror(errno));
			_exit(127);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "refguard: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	return pid;
}

int rg_wait(pid_t pid, const char *what)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			rg_fail("waiting for %s: %s", what, strerror(errno));
			return -1;
		}
	if (WIFSIGNALED(status)) {
		rg_fail("%s died from signal %d", what, WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status);
}

static char *slurp(int fd, size_t *len_out)
{
	size_t cap = 8192, len = 0;
	char *buf = malloc(cap);
	ssize_t n;

	if (!buf)
		return NULL;
	for (;;) {
		if (cap - len < 2) {
			char *bigger = realloc(buf, cap *= 2);

			if (!bigger) {
				free(buf);
				return NULL;
			}
			buf = bigger;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return NULL;
		}
		len += n;
	}
	buf[len] = '\0';
	if (len_out)
		*len_out = len;
	return buf;
}

char *rg_slurp_fd(int fd, size_t *len)
{
	if (lseek(fd, 0, SEEK_SET) < 0)
		return NULL;
	return slurp(fd, len);
}

char *rg_slurp_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf;
	int saved;

	if (fd < 0)
		return NULL;
	buf = slurp(fd, len);
	saved = errno;
	close(fd);
	errno = saved;
	return buf;
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
