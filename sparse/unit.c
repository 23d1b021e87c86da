// SPDX-License-Identifier: GPL-2.0
/*
 * What every part of the sparse engine asks about the unit being checked
 * (internal.h): the unit itself, the catalogue entry an identifier names,
 * whether a position is in the helpers' own headers, a function's name.
 * Kept apart from engine.c, which calls the parts, so that no part calls
 * back into it.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct rg_unit *rg_unit;

/* ------------------------------------------------------- the API table */

#define API_SLOTS 256

static struct {
	const struct ident *ident;
	const struct rg_api *api;
} api_index[API_SLOTS];

static unsigned int ident_slot(const struct ident *id)
{
	return ((unsigned long)id >> 4) % API_SLOTS;
}

/* Called once, after sparse_initialize() made the built-in identifiers. */
void rg_sparse_index_api(void)
{
	unsigned int i, s;

	for (i = 0; i < rg_api_count; i++) {
		const struct ident *id = built_in_ident(rg_api_table[i].name);

		for (s = ident_slot(id); api_index[s].ident; s = (s + 1) % API_SLOTS)
			;
		api_index[s].ident = id;
		api_index[s].api = &rg_api_table[i];
	}
}

void rg_sparse_index_add(const struct ident *ident, const struct rg_api *api)
{
	unsigned int s;

	for (s = ident_slot(ident); api_index[s].ident && api_index[s].ident != ident;
	     s = (s + 1) % API_SLOTS)
		;
	api_index[s].ident = ident;
	api_index[s].api = api;
}

/* The catalogue entry named by IDENT, or NULL: a hash probe, no strcmp. */
const struct rg_api *rg_sparse_api(const struct ident *ident)
{
	unsigned int s;

	if (!ident)
		return NULL;
	for (s = ident_slot(ident); api_index[s].ident; s = (s + 1) % API_SLOTS)
		if (api_index[s].ident == ident)
			return api_index[s].api;
	return NULL;
}

/* ---------------------------------------------------- exempt positions */

/* Per stream: 0 not yet known, 1 exempt, 2 not. */
static unsigned char *exempt_streams;
static int nr_exempt_streams;

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static bool helper_file(const char *name)
{
	unsigned int i;

	for (i = 0; i < rg_helper_file_count; i++)
		if (ends_with(name, rg_helper_files[i]))
			return true;
	return false;
}

/*
 * Is POS in one of the helper headers, whose code is exempt from every
 * rule?  By the file it is really in: a preprocessed input's linemarkers
 * say which file they entered, a #line only renames (linemap.c).
 */
bool rg_sparse_exempt_pos(struct position pos)
{
	int stream = pos.stream;

	if (stream >= nr_exempt_streams) {
		unsigned char *n = realloc(exempt_streams, stream + 64);

		if (!n)
			return false;
		memset(n + nr_exempt_streams, 0, stream + 64 - nr_exempt_streams);
		exempt_streams = n;
		nr_exempt_streams = stream + 64;
	}
	if (!exempt_streams[stream]) {
		/* 3: it depends on the line. */
		exempt_streams[stream] = rg_sparse_stream_has_directives(stream) ? 3 :
					 helper_file(stream_name(stream)) ? 1 : 2;
	}
	if (exempt_streams[stream] == 3)
		return helper_file(rg_sparse_pos_physical(pos));
	return exempt_streams[stream] == 1;
}

const char *rg_sparse_fn_name(const struct symbol *fn)
{
	return fn && fn->ident ? show_ident(fn->ident) : "";
}
