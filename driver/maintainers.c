// SPDX-License-Identifier: GPL-2.0
/*
 * MAINTAINERS sections and their file patterns (see maintainers.h).
 *
 * The format, from the file's own preamble: a section is a title line
 * followed by "X:<tab>value" lines and ends at a blank line.  F: is a
 * path: a trailing '/' means the directory and everything below it,
 * wildcards are shell globs that do not cross '/'.  N: is a regular
 * expression matched against the path.  X: excludes like F:.
 *
 * Ranking follows get_maintainer.pl: the match with the most path
 * components wins, a pattern that does not end in '/' counting one more
 * (so mm/page_alloc.c beats mm/); N: matches rank below every F: match.
 */
#include <fnmatch.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "maintainers.h"
#include "spawn.h"

struct pattern {
	char kind;			/* 'F', 'N' or 'X' */
	char *value;
	regex_t re;			/* N: only */
	bool re_ok;
};

struct section {
	char *name;
	struct pattern *pats;
	int nr_pats;
};

struct rg_maintainers {
	struct section *sections;
	int nr_sections;
};

static void add_pattern(struct section *s, char kind, const char *value)
{
	struct pattern *p;

	s->pats = realloc(s->pats, (s->nr_pats + 1) * sizeof(*s->pats));
	p = &s->pats[s->nr_pats++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->value = strdup(value);
	if (kind == 'N')
		p->re_ok = !regcomp(&p->re, value, REG_EXTENDED | REG_NOSUB);
}

struct rg_maintainers *rg_maintainers_load(const char *tree)
{
	char *path = rg_strdup_printf("%s/MAINTAINERS", tree);
	char *text = rg_slurp_file(path, NULL), *line, *save = NULL;
	struct rg_maintainers *m;
	struct section *cur = NULL;
	bool in_list = false;

	if (!text) {
		rg_fail("cannot read %s: the tree has no MAINTAINERS file", path);
		free(path);
		return NULL;
	}
	/* The preamble explains the format with indented examples. */
	in_list = !strstr(text, "\nMaintainers List\n");
	m = calloc(1, sizeof(*m));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!in_list) {
			in_list = !strcmp(line, "Maintainers List");
			continue;
		}
		if (line[0] && line[1] == ':' && line[2] == '\t') {
			if (cur && strchr("FNX", line[0]))
				add_pattern(cur, line[0], line + 3);
			continue;
		}
		/* strtok_r skips blank lines: any other line is a title. */
		if (line[0] == '-' || line[0] == ' ' || line[0] == '\t')
			continue;
		m->sections = realloc(m->sections,
				      (m->nr_sections + 1) * sizeof(*m->sections));
		cur = &m->sections[m->nr_sections++];
		memset(cur, 0, sizeof(*cur));
		cur->name = strdup(line);
	}
	free(text);
	free(path);
	return m;
}

static int depth(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '/';
	return n;
}

/* How specific a match of p on path is, or -1 if p does not match. */
static int file_match(const struct pattern *p, const char *path)
{
	size_t len = strlen(p->value);
	bool dir = len && p->value[len - 1] == '/';
	int rank = 1 + depth(p->value) + !dir;

	if (p->kind == 'N')
		return p->re_ok && !regexec(&p->re, path, 0, NULL, 0) ? 0 : -1;
	if (dir)
		return strncmp(path, p->value, len) ? -1 : rank;
	if (!fnmatch(p->value, path, FNM_PATHNAME))
		return rank;
	/* A directory named without its trailing '/'. */
	if (!strncmp(path, p->value, len) && path[len] == '/')
		return rank;
	return -1;
}

const char *rg_maintainers_section(const struct rg_maintainers *m,
				   const char *path)
{
	const char *best = NULL;
	int best_rank = -1, i, j;

	for (i = 0; i < m->nr_sections; i++) {
		const struct section *s = &m->sections[i];
		int rank = -1;
		bool excluded = false;

		for (j = 0; j < s->nr_pats; j++) {
			int r = file_match(&s->pats[j], path);

			if (r < 0)
				continue;
			if (s->pats[j].kind == 'X')
				excluded = true;
			else if (r > rank)
				rank = r;
		}
		/* THE REST matches everything at depth 0: never pick it. */
		if (!excluded && rank > best_rank && strcmp(s->name, "THE REST")) {
			best_rank = rank;
			best = s->name;
		}
	}
	return best;
}
