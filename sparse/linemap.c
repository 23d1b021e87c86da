// SPDX-License-Identifier: GPL-2.0
/*
 * Line directives: `#line N "file"` and the linemarkers of preprocessed
 * input (`# N "file" flags`, what `gcc -E` writes).  sparse 0.6.4 ignores
 * them (pre-process.c: handle_line() does nothing), so on a .i file every
 * position would be a line of the .i, and every function in it would be
 * in the .i: the helpers' own bodies (include/linux/page_ref.h, exempt)
 * would be reported.  The plugin goes by GCC's line maps, and so does
 * this file, for the engine:
 *
 * - where a finding is reported: the file and line a directive gives
 *   (GCC's presumed location), for every directive;
 * - which file a definition is really in, for the exemption of the helper
 *   headers: the file a linemarker entered (flag 1; flag 2 returns to the
 *   one that entered the file left), or else the file sparse read.  A
 *   `#line` or a linemarker without flags only renames, so `#line 1
 *   "include/linux/page_ref.h"` exempts nothing (plugin/options.c,
 *   rg_physical_file()).
 *
 * refguard links with --wrap=tokenize and reads each file's directives
 * from its tokens before the preprocessor sees them.  A directive counts
 * only if the preprocessor processes it (one in a false #if group does
 * not): each is turned into `#define __refguard_line_<n>`, which sparse
 * handles exactly as it handled the directive (both are ordinary
 * directives: the same dirtying of the include guard, the same warning
 * inside a macro's arguments, skipped in a false group), and the
 * directive applies if that macro got defined.
 *
 * Columns stay those of the line sparse read: the text there is the text
 * GCC reports columns in too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct directive {
	unsigned int line;		/* the directive's own line */
	unsigned int next_line;		/* the number it gives the next line */
	char *file;			/* the file it names, or NULL */
	int flag;			/* 1: enters FILE, 2: returns to it */
	struct ident *marker;		/* the macro it became */
	/* Once resolved (after the parse): */
	bool active;
	const char *presumed;		/* the file name from the next line on */
	const char *physical;		/* the file really read, as GCC has it */
};

struct stream_map {
	struct directive *d;
	int n;
	bool resolved;
};

static struct stream_map *maps;		/* by stream number */
static int nr_maps;
static unsigned int nr_markers;

struct token *__real_tokenize(const struct position *pos, const char *name, int fd,
			      struct token *endtoken, const char **next_path);
struct token *__wrap_tokenize(const struct position *pos, const char *name, int fd,
			      struct token *endtoken, const char **next_path);

static struct stream_map *map_of(int stream, bool create)
{
	if (stream < 0)
		return NULL;
	if (stream >= nr_maps) {
		struct stream_map *n;
		int cap = stream + 64;

		if (!create)
			return NULL;
		n = realloc(maps, cap * sizeof(*n));
		if (!n)
			return NULL;
		memset(n + nr_maps, 0, (cap - nr_maps) * sizeof(*n));
		maps = n;
		nr_maps = cap;
	}
	return &maps[stream];
}

static bool on_line(struct token *t)
{
	return !eof_token(t) && token_type(t) != TOKEN_STREAMEND && !t->pos.newline;
}

/* A string literal's text as a file name (GCC escapes '\' and '"'). */
static char *file_name_of(const struct string *s)
{
	char *out = malloc(s->length + 1), *o = out;
	int i;

	if (!out)
		return NULL;
	for (i = 0; i < s->length && s->data[i]; i++) {
		if (s->data[i] == '\\' && i + 1 < s->length && s->data[i + 1])
			i++;
		*o++ = s->data[i];
	}
	*o = '\0';
	return out;
}

static bool decimal(struct token *t, unsigned long *v)
{
	char *end;

	if (token_type(t) != TOKEN_NUMBER || t->number[0] < '0' || t->number[0] > '9')
		return false;
	*v = strtoul(t->number, &end, 10);
	return !*end;
}

/*
 * The directive whose '#' is HASH, if it is a line directive: recorded,
 * and its tokens made into `# define __refguard_line_<n>`.
 */
static void take_directive(struct stream_map *m, struct token *hash)
{
	static struct ident *id_line, *id_define;
	struct token *t = hash->next, *num, *name, *rest;
	struct directive *d;
	unsigned long line, flag;
	char marker[48];

	if (!id_line) {
		id_line = built_in_ident("line");
		id_define = built_in_ident("define");
	}
	if (!on_line(t))
		return;
	if (token_type(t) == TOKEN_IDENT && t->ident == id_line)
		num = t->next;
	else if (token_type(t) == TOKEN_NUMBER)
		num = t;
	else
		return;
	/* Malformed: left to sparse, which ignores it as it always did. */
	if (!on_line(num) || !decimal(num, &line) || line > 0x7fffffff)
		return;
	d = realloc(m->d, (m->n + 1) * sizeof(*d));
	if (!d)
		return;
	m->d = d;
	d = &m->d[m->n++];
	memset(d, 0, sizeof(*d));
	d->line = hash->pos.line;
	d->next_line = line;
	rest = num->next;
	if (on_line(rest) && token_type(rest) == TOKEN_STRING) {
		d->file = file_name_of(rest->string);
		/* Flags are a linemarker's: #line takes none (GCC ignores them). */
		for (rest = rest->next; num == t && on_line(rest); rest = rest->next)
			if (decimal(rest, &flag) && (flag == 1 || flag == 2) && !d->flag)
				d->flag = flag;
	}
	snprintf(marker, sizeof(marker), "__refguard_line_%u", nr_markers++);
	d->marker = built_in_ident(marker);

	/* # line N "f" / # N "f" 1  ->  # define __refguard_line_<n> */
	name = t->next;
	if (!on_line(name)) {
		name = built_in_token(hash->pos.stream, d->marker);
		name->pos = t->pos;
		name->next = t->next;
	}
	for (rest = name->next; on_line(rest); rest = rest->next)
		;
	token_type(t) = TOKEN_IDENT;
	t->ident = id_define;
	t->next = name;
	token_type(name) = TOKEN_IDENT;
	name->ident = d->marker;
	name->pos.newline = 0;
	name->pos.whitespace = 1;
	name->next = rest;
}

/* Every file sparse reads comes through here, before preprocessing. */
struct token *__wrap_tokenize(const struct position *pos, const char *name, int fd,
			      struct token *endtoken, const char **next_path)
{
	struct token *begin = __real_tokenize(pos, name, fd, endtoken, next_path);
	struct stream_map *m = NULL;
	struct token *t;
	int stream;

	if (!begin || begin == endtoken || token_type(begin) != TOKEN_STREAMBEGIN)
		return begin;
	stream = begin->pos.stream;
	/*
	 * Every token of every file goes by: only a line's first one is
	 * looked at (the stream's end token, and the EOF after it, start a
	 * line too: tokenize.c's mark_eof()).
	 */
	for (t = begin->next; ; t = t->next) {
		if (!t->pos.newline)
			continue;
		if (token_type(t) == TOKEN_STREAMEND || eof_token(t))
			break;
		if (!match_op(t, '#'))
			continue;
		if (!m && !(m = map_of(stream, true)))
			break;
		take_directive(m, t);
	}
	return begin;
}

/*
 * After the parse: which directives the preprocessor took, and from
 * each on, the file named (presumed) and the file entered (physical).
 * As GCC (libcpp's do_linemarker()): flag 1 enters a file from the one
 * named so far; flag 2 returns to the file that entered it, and is
 * ignored altogether ("linemarker ignored due to incorrect nesting")
 * unless it names that file (an empty name is that file) and one was
 * entered.
 */
static void resolve(struct stream_map *m, int stream)
{
	struct entry {
		const char *file, *from;
	} *entered = calloc(m->n + 1, sizeof(*entered));
	const char *presumed = stream_name(stream);
	int i, depth = 0;

	m->resolved = true;
	for (i = 0; i < m->n; i++) {
		struct directive *d = &m->d[i];
		struct symbol *sym = lookup_symbol(d->marker, NS_MACRO | NS_UNDEF);

		d->active = sym && sym->namespace == NS_MACRO && entered;
		if (!d->active)
			continue;
		if (d->flag == 2) {
			if (!depth || !d->file ||
			    (*d->file && strcmp(d->file, entered[depth - 1].from))) {
				d->active = false;
				continue;
			}
			presumed = entered[--depth].from;
		} else if (d->file) {
			if (d->flag == 1) {
				entered[depth].file = d->file;
				entered[depth++].from = presumed;
			}
			presumed = d->file;
		}
		d->presumed = presumed;
		d->physical = depth ? entered[depth - 1].file : stream_name(stream);
	}
	free(entered);
}

/* The directive in force at POS, or NULL. */
static const struct directive *in_force(struct position pos)
{
	struct stream_map *m = map_of(pos.stream, false);
	const struct directive *hit = NULL;
	int lo, hi;

	if (!m || !m->n)
		return NULL;
	if (!m->resolved)
		resolve(m, pos.stream);
	/* The last active one before POS's line: directives are in line order. */
	lo = 0;
	hi = m->n;
	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (m->d[mid].line < pos.line)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo-- > 0)
		if (m->d[lo].active) {
			hit = &m->d[lo];
			break;
		}
	return hit;
}

const char *rg_sparse_pos_file(struct position pos, unsigned int *line)
{
	const struct directive *d = in_force(pos);

	if (!d) {
		*line = pos.line;
		return stream_name(pos.stream);
	}
	*line = d->next_line + (pos.line - d->line - 1);
	return d->presumed;
}

const char *rg_sparse_pos_physical(struct position pos)
{
	const struct directive *d = in_force(pos);

	return d ? d->physical : stream_name(pos.stream);
}

bool rg_sparse_stream_has_directives(int stream)
{
	struct stream_map *m = map_of(stream, false);

	return m && m->n;
}
