// SPDX-License-Identifier: GPL-2.0
/*
 * The plugin's option state, set once by plugin_init (refguard-plugin.c)
 * and read by every engine.  It lives apart from plugin_init so that the
 * engines depend on it and plugin_init depends on the engines, never the
 * other way round.
 */
#include "refguard.h"

struct rg_options rg_options;

static bool rule_disabled[RG_NR_RULES];
static auto_vec<const char *> allowed_suffixes;

bool rg_rule_enabled(enum rg_rule rule)
{
	return !rule_disabled[rule];
}

bool rg_any_rule_enabled(void)
{
	unsigned int i;

	for (i = 0; i < RG_NR_RULES; i++)
		if (!rule_disabled[i])
			return true;
	return false;
}

/*
 * The file a location was really read from, whatever #line or a
 * linemarker in it claims.  A presumed file name is the source's own
 * say-so: `#line 1 "include/linux/page_ref.h"` would otherwise exempt
 * everything after it.  Ordinary line maps are kept in reading order:
 * a buffer starts with the LC_ENTER map of its #include (or the first
 * map, for the main file); #line and linemarkers add LC_RENAME maps
 * inside it, and each nested #include adds maps between an LC_ENTER
 * and the LC_LEAVE back.  So walking back from the location's map,
 * skipping nested buffers, ends at the map that opened its buffer.
 * In a preprocessed (.i) input, the linemarkers that enter and leave
 * headers are the only record of them and are trusted as such; a
 * #line of the original source is a plain rename there as well.
 */
typedef hash_map<int_hash<int, -1, -2>, const char *> phys_file_cache;

static const char *physical_file_uncached(phys_file_cache *cache,
					  const line_map_ordinary *first, int idx)
{
	const char **hit;
	int depth = 0;

	for (; idx > 0; idx--) {
		const line_map_ordinary *map = first + idx;

		/* Maps of one buffer share the answer: reuse an earlier one. */
		if (!depth && (hit = cache->get(idx)))
			return *hit;
		if (map->reason == LC_ENTER) {
			if (!depth)
				return ORDINARY_MAP_FILE_NAME(map);
			depth--;
		} else if (map->reason == LC_LEAVE) {
			depth++;
		}
	}
	return ORDINARY_MAP_FILE_NAME(first);
}

const char *rg_physical_file(location_t loc)
{
	static phys_file_cache *cache;
	const line_map_ordinary *map = NULL, *first;
	const char *file;
	int idx;

	if (loc <= BUILTINS_LOCATION)
		return NULL;
	linemap_resolve_location(line_table, loc, LRK_MACRO_EXPANSION_POINT, &map);
	if (!map || !LINEMAPS_ORDINARY_USED(line_table))
		return NULL;
	first = LINEMAPS_ORDINARY_MAP_AT(line_table, 0);
	idx = map - first;
	if (idx < 0 || (unsigned int)idx >= LINEMAPS_ORDINARY_USED(line_table))
		return NULL;
	if (!cache)
		cache = new phys_file_cache;
	file = physical_file_uncached(cache, first, idx);
	cache->put(idx, file);
	return file;
}

static bool ends_with(const char *path, const char *suffix)
{
	size_t plen = strlen(path), slen = strlen(suffix);

	return plen >= slen && !strcmp(path + plen - slen, suffix);
}

bool rg_function_exempt(tree fndecl)
{
	const char *file = rg_physical_file(DECL_SOURCE_LOCATION(fndecl));
	unsigned int i;
	const char *suffix;

	if (!file)
		return false;
	for (i = 0; i < rg_helper_file_count; i++)
		if (ends_with(file, rg_helper_files[i]))
			return true;
	FOR_EACH_VEC_ELT(allowed_suffixes, i, suffix)
		if (ends_with(file, suffix))
			return true;
	return false;
}

/*
 * Split a comma-separated option value, calling FN on each non-empty
 * element; returns false (after an error) if FN rejects one.
 */
/* The catalogue's rule ids, ", "-joined. */
static const char *rule_ids(void)
{
	static char buf[512];
	int i;

	if (!*buf)
		for (i = 0; i < RG_NR_RULES; i++)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
				 i ? ", " : "", rg_rules[i].name);
	return buf;
}

static bool for_each_item(const char *plugin_name, const char *key,
			  const char *value, bool (*fn)(const char *item))
{
	char *copy, *item, *save = NULL;
	bool ok = true;

	if (!value || !*value) {
		error("%<-fplugin-arg-%s-%s%> needs a value", plugin_name, key);
		return false;
	}
	copy = xstrdup(value);
	for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		if (!fn(item)) {
			error("%<-fplugin-arg-%s-%s%>: unknown rule %qs (rules: %s)",
			      plugin_name, key, item, rule_ids());
			ok = false;
		}
	}
	free(copy);
	return ok;
}

static bool disable_rule(const char *name)
{
	int rule = rg_rule_find(name);

	if (rule < 0)
		return false;
	rule_disabled[rule] = true;
	return true;
}

static bool allow_suffix(const char *suffix)
{
	allowed_suffixes.safe_push(xstrdup(suffix));
	return true;
}

void rg_options_disable(const char *plugin_name, const char *key, const char *value)
{
	for_each_item(plugin_name, key, value, disable_rule);
}

void rg_options_allow(const char *plugin_name, const char *key, const char *value)
{
	for_each_item(plugin_name, key, value, allow_suffix);
}

void rg_options_record(const char *plugin_name, const char *key, const char *value)
{
	if (!value || !*value) {
		error("%<-fplugin-arg-%s-%s%> needs a value", plugin_name, key);
		return;
	}
	rg_options.record_file = xstrdup(value);
}
