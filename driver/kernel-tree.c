// SPDX-License-Identifier: GPL-2.0
/*
 * Which kernel tree a command works on (which paths lie inside it is
 * lib/util.c's rg_tree_relative()).  Separate from util.c because finding
 * the default tree runs a script (lib/spawn.c), and spawn.c itself uses
 * util.c's messages: keeping the three apart keeps the call graph free of
 * cycles.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "driver.h"

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
	/*
	 * kernel.sh fetches and unpacks into the cache directory: tell it
	 * which, so an installed refguard never writes next to itself.
	 */
	script = rg_cache_dir();
	if (!script)
		return NULL;
	if (setenv("REFGUARD_CACHE_DIR", script, 1)) {
		rg_fail("cannot set REFGUARD_CACHE_DIR: %s", strerror(errno));
		free(script);
		return NULL;
	}
	free(script);
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
