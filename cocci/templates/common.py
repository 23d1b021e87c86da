# --- common part, from cocci/templates/common.py ---
# No apostrophes in comments or docstrings here: the spatch lexer takes
# them for quotes and can lose the end of the Python part.  Nor a line
# that starts with a hash and the name of the spatch command: spatch reads
# it as command-line options (testsuite/cocci13 checks).
import os

RG_RULE = "$(rule)"
RG_HELPER_FILES = ($(helper_files))
RG_RECORDS = os.environ.get("REFGUARD_RECORDS") == "1"
# The helpers the rewrites call (rules/rewrite.def, direct.def, api.def):
# a function of that name is the own definition of a helper, wherever it is.
RG_HELPER_FUNCS = frozenset((
	$(helper_funcs)
))

# The tree spells some helpers otherwise than the rewrite tables do
# (rules/spellings.def: v4 says set_page_count_frozen): refguard passes
# those names as REFGUARD_NAMES, "table=tree" pairs separated by commas.
RG_NAMES = dict(kv.split("=", 1) for kv in
		os.environ.get("REFGUARD_NAMES", "").split(",") if "=" in kv)

def rg_name(h):
	"""A helper of the rewrite tables as the tree spells it."""
	return RG_NAMES.get(h, h)

def rg_exempt(p):
	"""The definitions of the helpers themselves are never matched."""
	f = p[0].file
	if p[0].current_element in RG_HELPER_FUNCS:
		return True
	return any(f == h or f.endswith("/" + h) for h in RG_HELPER_FILES)

def rg_column(p):
	"""1-based display column with tabs to 8, as GCC prints it."""
	col = int(p.column)
	try:
		with open(p.file, errors="replace") as fh:
			for i, line in enumerate(fh, 1):
				if i == int(p.line):
					return len(line[:col].expandtabs(8)) + 1
	except OSError:
		pass
	return col + 1

def rg_key(p):
	"""A position as a key: (file, line, column), the numbers as ints."""
	return (p[0].file, int(p[0].line), int(p[0].column))

# Positions already reported: several rules, or one rule on several
# paths, can find one call, and it is reported once.
rg_reported = set()

def rg_emit(p, msg, fields):
	"""A record for refguard (cocci/engine/cocci-records.c parses it: RG,
	rule, file, line, column, function, then FIELDS: argument, helper, fix
	and for a note its line and column, separated by \\x1f), or the
	project diagnostic line; once per position."""
	key = (p.file, int(p.line), int(p.column))
	if key in rg_reported:
		return
	rg_reported.add(key)
	if RG_RECORDS:
		print("\x1f".join(["RG", RG_RULE, p.file, p.line, p.column,
				   p.current_element] + fields))
	else:
		print("%s:%s:%d: warning: %s [refguard-%s]" %
		      (p.file, p.line, rg_column(p), msg, RG_RULE))

def rg_org(p, msg):
	"""An org-mode entry; once per position, as rg_emit()."""
	if rg_key(p) in rg_reported:
		return
	rg_reported.add(rg_key(p))
	cocci.print_main(msg + " [refguard-%s]" % RG_RULE, p)
# --- end of common part ---
