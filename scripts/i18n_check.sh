#!/usr/bin/env bash
# The translation check: every string that reaches a visitor without an
# account (public pages, their error messages, the messages people receive)
# has its translation in every shipped language (po/*.po).  GNU gettext's own tools do the work:
#
#   xgettext  extracts the strings of the public C files into
#             build/i18n/public.pot, by the functions that carry them;
#   grep/sed  add every {{t "…"}} of templates/ (the template engine is
#             ours, xgettext does not know it), and msgcat joins the parts;
#   msgcmp    fails when a msgid of public.pot has no translation in the
#             catalog, and the script then lists those msgids.
#
# Usage: scripts/i18n_check.sh [CATALOG.po ...]  (default: every po/*.po)
# Each catalog is checked on its own: every public string must have its
# translation in every shipped language.  Exit status 0 when all is
# translated, 1 when something is missing, 2 on a usage or tool error.
# See docs/internals/i18n.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# The parts are built in a directory of this run and put in build/i18n at
# the end, so that two runs at once do not mix them.
final=build/i18n
catalogs=("$@")
[[ ${#catalogs[@]} -gt 0 ]] || catalogs=(po/*.po)

for tool in xgettext msgcat msgcmp msggrep msguniq msgmerge msgattrib msgexec; do
  command -v "$tool" >/dev/null || { echo "i18n_check: $tool is missing (Debian package gettext; scripts/deps.sh installs it)" >&2; exit 2; }
done
for c in "${catalogs[@]}"; do
  [[ -f $c ]] || { echo "i18n_check: no catalog $c" >&2; exit 2; }
done

# --- what is public -------------------------------------------------------
# The files that define the handlers of the public routes (src/web/routes.c:
# role ROLE_NONE, no R_LOGIN), found anew each run, and the modules whose
# error messages those pages show ({{t error}}, the error page's
# {{t message}}): what the handlers call to validate, save and look up, the
# stores whose "no such …" answers become 404 pages, form parsing, the
# dispatcher and the error page.  A file is taken whole: messages in it
# that only staff see are checked too (the staff pages are in Spanish as
# well).  When a public handler starts to show messages of another module,
# add it here.
modules=(
  src/service/register.c src/service/capture.c src/service/share.c
  src/domain/registration.c src/domain/survey.c src/domain/account.c src/domain/share.c
  src/store/district_store.c src/store/initiative_store.c src/store/group_store.c
  src/store/conversation_store.c src/store/session_store.c src/store/team_store.c src/store/protocol_store.c
  src/store/sponsor_store.c src/store/baseline_store.c
  src/store/registration_store.c src/store/message_store.c src/store/settings_store.c
  src/store/contact_store.c src/store/invitation_store.c src/store/survey_store.c
  src/store/post_store.c src/store/post_text_store.c src/store/image_store.c src/store/search_store.c
  src/store/question_store.c src/store/action_store.c src/store/action_update_store.c src/store/theme_store.c
  src/store/quote_store.c src/store/summary_store.c
  src/core/err.c src/domain/field.c src/web/form.c src/web/http.c src/web/server.c
)
public_handlers() {
  grep -E '^\s*\{"[A-Z]+", "[^"]*", [a-z_0-9]+, [^}]*ROLE_NONE\}' src/web/routes.c | grep -v R_LOGIN |
    sed -E 's/^\s*\{"[A-Z]+", "[^"]*", ([a-z_0-9]+),.*/\1/' |
    while read -r h; do grep -lE "^void $h\(" src/web/*.c || echo "i18n_check: no file defines $h" >&2; done
}
handlers=($(public_handlers | sort -u))
[[ ${#handlers[@]} -gt 0 ]] || { echo "i18n_check: found no public handlers in src/web/routes.c" >&2; exit 2; }
public_c=()
for f in $(printf '%s\n' src/web/h_public.c src/web/h_register.c src/web/h_survey.c "${handlers[@]}" "${modules[@]}" | sort -u); do
  if [[ -f $f ]]; then public_c+=("$f"); else echo "i18n_check: $f is gone; update modules in $0" >&2; fi
done
# The messages people receive, in their language (SAY and tr translate the
# template, then put the arguments in).
outbox_c=(src/service/outbox.c)
# Public strings kept in tables, where no keyword marks them: FILE and the
# text of the line where the table starts (fixed, not a regex); it runs to
# the first line ending in ';'.  Wrapping them in N_() (core/i18n.h) lets
# xgettext find them, and their entry here can go.
tables=(
  "src/service/outbox.c|} texts[MSG_NKINDS] = {"
  "src/web/h_survey.c|dimension_questions[][2] = {"
  "src/web/h_survey.c|const words[] = {"
  "src/web/http.c|const char *title = status == "
  "src/domain/share.c|action_labels[] = {"
)

mkdir -p build
out=$(mktemp -d build/i18n.run.XXXXXX)
finish() { rm -rf "$final" && mv "$out" "$final"; }
trap finish EXIT
# A tool that fails is not a missing translation.
trap 'echo "i18n_check: the step at line $LINENO failed" >&2; exit 2' ERR
mkdir -p "$out/tables"
xgettext_c=(xgettext --language=C --from-code=UTF-8 --sort-by-file --no-wrap
  --package-name="Common Ground" --msgid-bugs-address=noreply@commonground.localhost --force-po)
# xgettext writes charset=CHARSET into the header of what it extracts;
# every source here is UTF-8.
fix_charset() { sed -i 's/charset=CHARSET/charset=UTF-8/' "$1"; }

# 1. Strings looked up as they stand: error pages (resp_error), messages of
#    missing rows (db_one), strings marked N_.
"${xgettext_c[@]}" -k --keyword=resp_error:5 --keyword=db_one:5 --keyword=N_ \
  -o "$out/lookup.pot" "${public_c[@]}"
# 2. The outbox: SAY(b, lang, template, args...) and tr(x, lang, msgid).
"${xgettext_c[@]}" -k --keyword=SAY:3 --keyword=tr:3 -o "$out/outbox.pot" "${outbox_c[@]}"
# 3. err_set(e, code, field, fmt, ...) formats first; the page then looks
#    up the result.  A message without '%' is its own result and is
#    checked; one with a directive (or "%%") can never match its msgid, so
#    it is set apart in formats.pot and reported, not checked.
#    fail(e, code, field, fmt, ...) is form.c's err_set.
"${xgettext_c[@]}" -k --keyword=err_set:4 --flag=err_set:4:c-format --keyword=fail:4 --flag=fail:4:c-format \
  -o "$out/err_set.pot" "${public_c[@]}"
for f in "$out"/lookup.pot "$out"/outbox.pot "$out"/err_set.pot; do fix_charset "$f"; done
msggrep --force-po --invert-match -K -E -e '%' -o "$out/err_set-plain.pot" "$out/err_set.pot"
msggrep --force-po -K -E -e '%' -o "$out/formats-all.pot" "$out/err_set.pot"
msggrep --force-po --invert-match -K -E -e '^[-a-z]' -o "$out/formats.pot" "$out/formats-all.pot"

# 4. Tables: the table's lines copied at the same place in a file of the
#    same name (so that references stay right), every other line blank,
#    and every string in them extracted; names (race_ethnicity) are keys,
#    not text.
table_files=()
for spec in "${tables[@]}"; do
  file=${spec%%|*} start=${spec#*|}
  [[ -f $file ]] || { echo "i18n_check: $file is gone; update tables in $0" >&2; exit 2; }
  mkdir -p "$out/tables/$(dirname "$file")"
  dest="$out/tables/$file"
  [[ -f $dest ]] || awk '{ print "" }' "$file" >"$dest"
  START=$start PREV=$dest awk '
    BEGIN { while ((getline line < ENVIRON["PREV"]) > 0) keep[++n] = line }
    !done && !on && index($0, ENVIRON["START"]) { on = 1; found = 1 }
    on { keep[NR] = $0; if ($0 ~ /;[ \t]*$/) { on = 0; done = 1 } }
    END { for (i = 1; i <= n; i++) print keep[i]; if (!found) exit 3 }
  ' "$file" >"$dest.new" || { echo "i18n_check: no table \"$start\" in $file; update tables in $0" >&2; exit 2; }
  mv "$dest.new" "$dest"
  table_files+=("$file")
done
mapfile -t table_files < <(printf '%s\n' "${table_files[@]}" | sort -u)
(cd "$out/tables" && "${xgettext_c[@]}" --extract-all -o ../tables-all.pot "${table_files[@]}" 2>/dev/null)
fix_charset "$out/tables-all.pot"
msggrep --force-po --invert-match -K -E -e '^[a-z_]+$' -o "$out/tables.pot" "$out/tables-all.pot"

# 5. Templates: {{t "…"}} literals (a name, {{t error}}, is data and was
#    found above).  The engine's escapes (\" and \\) are the PO ones, so the
#    text between the quotes is a PO string as it stands.
{
  printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
  grep -rnoE --include='*.html' '\{\{t "([^"\\]|\\.)*"' templates | sort -t: -k1,1 -k2,2n |
    sed -E 's/^([^:]+):([0-9]+):\{\{t "(.*)"$/#: \1:\2\nmsgid "\3"\nmsgstr ""\n/'
} >"$out/templates-dup.po"
msguniq --no-wrap -o "$out/templates.pot" "$out/templates-dup.po"

# Joined.  Not checked: a msgid without a letter ("%s", the body of a
# message that is all data) has nothing to translate; messages of the C
# files that start in lower case or with '-' are the house's internal ones
# ("cannot open …", "--listen takes …", mostly ERR_FAIL): logged or for the
# operator, while a visitor gets "Something went wrong on our side".
msgcat --use-first --no-wrap --sort-by-file -o "$out/c.pot" \
  "$out/lookup.pot" "$out/outbox.pot" "$out/err_set-plain.pot" "$out/tables.pot"
msggrep --force-po --invert-match -K -E -e '^[-a-z]' -o "$out/c-shown.pot" "$out/c.pot"
msgcat --use-first --no-wrap --sort-by-file -o "$out/public-all.pot" "$out/c-shown.pot" "$out/templates.pot"
msggrep --force-po --invert-match -K -E -e '^([^A-Za-z%]|%[-+ #0-9.*]*[a-zA-Z%])*$' -o "$out/public.pot" "$out/public-all.pot"

# --- the check -------------------------------------------------------------
# Messages in a PO file, its header aside (msgexec's builtin 0 prints each
# msgstr and a NUL, the header's first).
count() { local n; n=$(msgexec -i "$1" 0 | tr -cd '\0' | wc -c); echo $((n > 0 ? n - 1 : 0)); }
total=$(count "$out/public.pot")
formats=$(count "$out/formats.pot")
status=0
mkdir -p "$out/missing"
for catalog in "${catalogs[@]}"; do
  lang=$(basename "$catalog" .po)
  if msgcmp -N "$catalog" "$out/public.pot" 2>"$out/msgcmp-$lang.out"; then
    echo "i18n: all $total public strings have their $lang in $catalog"
    continue
  fi
  # What is missing, with where it is used: public.pot merged with the
  # catalog, keeping the entries left without a translation (a fuzzy one
  # counts as none, as for msgfmt).
  msgmerge --quiet -N --no-wrap -o "$out/merged.po" "$catalog" "$out/public.pot"
  msgattrib --force-po --clear-fuzzy --empty --no-wrap -o "$out/unfuzzy.po" "$out/merged.po"
  msgattrib --force-po --untranslated --no-obsolete --no-wrap -o "$out/missing/$lang.po" "$out/unfuzzy.po"
  echo "i18n: $(count "$out/missing/$lang.po") of $total public strings have no $lang in $catalog:"
  # Each entry's references and msgid, without the header and flags.
  awk '/^#:/ { body = 1 } body && !/^#,/ && !/^msgstr/' "$out/missing/$lang.po" | sed 's/^/  /'
  echo "i18n: $(grep -E "^msgcmp: found" "$out/msgcmp-$lang.out" || echo "msgcmp failed") ($final/msgcmp-$lang.out)"
  echo "i18n: add them to $catalog (the entries, with where they are used: $final/missing/$lang.po)"
  status=1
done
echo "i18n: $formats messages of err_set (or form.c's fail) with printf directives are formatted before lookup, so not checked ($final/formats.pot)"
exit "$status"
