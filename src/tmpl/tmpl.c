#include "tmpl/tmpl.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "core/hash.h"
#include "core/mem.h"
#include "core/str.h"
#include "tmpl/escape.h"

#define MAX_NEST 64		/* blocks inside blocks, per template */
#define MAX_PARTIAL_DEPTH 16	/* partials inside partials, per render */
#define MAX_TOKENS 4		/* words in one {{...}} */
#define DEFAULT_MAX_STEPS ((size_t)10000000)
#define MAX_FILE_SIZE ((size_t)4 << 20)
#define MAX_DIR_DEPTH 16

/* ------------------------------------------------------------------------
 * The tree
 */

enum node_kind {
	N_TEXT,		/* literal bytes */
	N_VAR,		/* {{path}} {{path|url}} */
	N_RAW,		/* {{raw path}} */
	N_T,		/* {{t "msgid"}} {{t "msgid" path}} {{t path}} {{t path path}} */
	N_IF,
	N_UNLESS,
	N_EACH,
	N_WITH,
	N_PARTIAL,	/* {{> name}} */
	N_YIELD,	/* {{yield}} */
};

/* How an output is escaped, decided at parse time from the HTML around it. */
enum ctx {
	CTX_TEXT,	/* HTML text */
	CTX_ATTR,	/* quoted attribute value */
	CTX_URL_START,	/* start of a quoted URL attribute value */
	CTX_URL_MID,	/* later in a quoted URL attribute value */
	CTX_SCRIPT,	/* inside <script> */
};

enum path_kind { P_NAME, P_DOT, P_INDEX, P_NUMBER };

/* One step of a dotted path; key points into the template's source copy. */
struct seg {
	const char *key;
	size_t keylen;
	size_t idx;	/* the key as an array index, when is_idx */
	int is_idx;
};

struct path {
	enum path_kind kind;
	size_t nseg;
	struct seg *seg;
};

struct node {
	struct node *next;
	enum node_kind kind;
	enum ctx ctx;
	int url;		/* N_VAR: the |url filter */
	int has_arg;		/* N_T: path is the %s argument */
	int msg_is_path;	/* N_T: the msgid is the value at mpath */
	struct path mpath;
	struct path path;
	struct str text;	/* N_TEXT bytes; N_T msgid, N_PARTIAL name (both NUL-terminated) */
	struct node *body;	/* blocks: the first branch */
	struct node *alt;	/* blocks: the {{else}} branch */
};

struct tmpl {
	struct tmpl *next;	/* hash chain */
	uint32_t hash;
	const char *name;	/* in arena */
	struct node *root;
	struct arena arena;	/* every node and string of this template */
};

struct tmpl_set {
	struct tmpl **bucket;
	size_t nbucket;		/* a power of two */
	size_t count;
	tmpl_translate_fn tr;
	void *tr_ctx;
	size_t max_steps;
};

/* ------------------------------------------------------------------------
 * HTML state, followed over the literal text of a template
 */

enum hst {
	H_DATA,		/* text */
	H_LT,		/* after < */
	H_END_OPEN,	/* after </ */
	H_TAG_NAME,
	H_IN_TAG,	/* between attributes */
	H_ATTR_NAME,
	H_AFTER_ATTR,	/* spaces after an attribute name */
	H_BEFORE_VAL,	/* after = */
	H_VAL_DQ,
	H_VAL_SQ,
	H_VAL_UNQ,
	H_MD,		/* after <! */
	H_COMMENT,
	H_DECL,		/* <!DOCTYPE ...> and other <!...> */
	H_BOGUS,	/* <?...> and </ not followed by a letter */
	H_RAW,		/* inside <script> or <style> */
};

enum { A_PLAIN, A_URL, A_DENY };
enum { R_NONE, R_SCRIPT, R_STYLE };

/* Fields that do not matter in a state are kept zero, so that two states can
 * be compared with memcmp (every member is a byte: no padding). */
struct hstate {
	uint8_t st;
	uint8_t raw;		/* H_RAW: R_SCRIPT or R_STYLE */
	uint8_t is_end;		/* tag states: an end tag */
	uint8_t attr;		/* value states: A_* */
	uint8_t started;	/* quoted value states: something precedes */
	uint8_t cnt;		/* comment: dashes; raw: bytes of "</name" matched */
	uint8_t cnt2;		/* comment: "--!" seen; script: bytes of "<!--" matched */
	uint8_t taglen;		/* 255: longer than tag[] */
	uint8_t anlen;		/* 255: longer than an[] */
	char tag[16];		/* lower-case tag name */
	char an[16];		/* lower-case attribute name */
};

static const char *const url_attrs[] = {
	"href", "src", "action", "formaction", "poster", "cite", "data",
	"background", "codebase", "longdesc", "usemap", "manifest", "icon",
	"profile", "classid", "archive", "xlink:href", "lowsrc", "dynsrc",
};

/* Values that are CSS, JavaScript or HTML: no escaper here fits them. */
static const char *const deny_attrs[] = {"style", "srcdoc"};

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static char lower(unsigned char c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

static void hs_reset(struct hstate *h, uint8_t st)
{
	memset(h, 0, sizeof(*h));
	h->st = st;
}

static void name_add(char *name, size_t size, uint8_t *len, unsigned char c)
{
	if (*len < size)
		name[(*len)++] = lower(c);
	else
		*len = 255;
}

static int name_is(const char *name, uint8_t len, const char *s)
{
	size_t n = strlen(s);
	return len == n && memcmp(name, s, n) == 0;
}

static void hs_start_tag(struct hstate *h, unsigned char c, int is_end)
{
	hs_reset(h, H_TAG_NAME);
	h->is_end = (uint8_t)is_end;
	name_add(h->tag, sizeof(h->tag), &h->taglen, c);
}

static void hs_close_tag(struct hstate *h)
{
	uint8_t raw = R_NONE;
	if (!h->is_end && name_is(h->tag, h->taglen, "script"))
		raw = R_SCRIPT;
	else if (!h->is_end && name_is(h->tag, h->taglen, "style"))
		raw = R_STYLE;
	hs_reset(h, raw ? H_RAW : H_DATA);
	h->raw = raw;
}

static void hs_clear_attr(struct hstate *h, uint8_t st)
{
	h->st = st;
	h->attr = 0;
	h->started = 0;
	h->anlen = 0;
	memset(h->an, 0, sizeof(h->an));
}

static void hs_start_attr(struct hstate *h, unsigned char c)
{
	hs_clear_attr(h, H_ATTR_NAME);
	name_add(h->an, sizeof(h->an), &h->anlen, c);
}

static void hs_classify_attr(struct hstate *h)
{
	size_t i;
	h->st = H_BEFORE_VAL;
	h->attr = A_PLAIN;
	if (h->anlen >= 2 && h->an[0] == 'o' && h->an[1] == 'n') {
		h->attr = A_DENY;
		return;
	}
	for (i = 0; i < sizeof(deny_attrs) / sizeof(deny_attrs[0]); i++)
		if (name_is(h->an, h->anlen, deny_attrs[i]))
			h->attr = A_DENY;
	for (i = 0; i < sizeof(url_attrs) / sizeof(url_attrs[0]); i++)
		if (name_is(h->an, h->anlen, url_attrs[i]))
			h->attr = A_URL;
}

/* Inside <script> or <style>: only "</script" or "</style" (any case) followed
 * by a space, / or > ends it.  "<!--" inside a script switches browsers to
 * states where "</script>" may not end it: refused. */
static int hs_raw_step(struct hstate *h, unsigned char c)
{
	const char *name = h->raw == R_SCRIPT ? "script" : "style";
	size_t nlen = strlen(name);

	if (h->cnt == 2 + nlen) {
		if (is_ws(c) || c == '/') {
			hs_reset(h, H_IN_TAG);
			h->is_end = 1;
			memcpy(h->tag, name, nlen);
			h->taglen = (uint8_t)nlen;
			return 0;
		}
		if (c == '>') {
			hs_reset(h, H_DATA);
			return 0;
		}
		h->cnt = 0;
	}
	char want = h->cnt == 0 ? '<' : h->cnt == 1 ? '/' : name[h->cnt - 2];
	if (lower(c) == want)
		h->cnt++;
	else
		h->cnt = c == '<';
	if (h->raw == R_SCRIPT) {
		static const char open_comment[] = "<!--";
		if (c == (unsigned char)open_comment[h->cnt2]) {
			if (++h->cnt2 == 4)
				return -1;
		} else {
			h->cnt2 = c == '<';
		}
	}
	return 0;
}

static void hs_comment_step(struct hstate *h, unsigned char c)
{
	if (c == '-') {
		if (h->cnt2) {
			h->cnt = 1;
			h->cnt2 = 0;
		} else if (h->cnt < 2) {
			h->cnt++;
		}
	} else if (c == '!' && h->cnt >= 2 && !h->cnt2) {
		h->cnt2 = 1;
	} else if (c == '>' && h->cnt >= 2) {
		hs_reset(h, H_DATA);
	} else {
		h->cnt = 0;
		h->cnt2 = 0;
	}
}

/* Advances h over one literal byte.  A simplified HTML5 tokenizer: enough to
 * tell text, tags, attribute values, comments and raw text apart.  Returns
 * -1 for input it refuses to follow. */
static int hs_step(struct hstate *h, unsigned char c)
{
	switch (h->st) {
	case H_DATA:
		if (c == '<')
			h->st = H_LT;
		break;
	case H_LT:
		if (is_alpha(c))
			hs_start_tag(h, c, 0);
		else if (c == '/')
			h->st = H_END_OPEN;
		else if (c == '!')
			hs_reset(h, H_MD);
		else if (c == '?')
			h->st = H_BOGUS;
		else if (c != '<')
			h->st = H_DATA;
		break;
	case H_END_OPEN:
		if (is_alpha(c))
			hs_start_tag(h, c, 1);
		else if (c == '>')
			hs_reset(h, H_DATA);
		else
			h->st = H_BOGUS;
		break;
	case H_BOGUS:
	case H_DECL:
		if (c == '>')
			hs_reset(h, H_DATA);
		break;
	case H_MD:
		if (c == '-' && h->cnt == 0) {
			h->cnt = 1;
		} else if (c == '-') {
			hs_reset(h, H_COMMENT);
			h->cnt = 2;	/* "<!-->" and "<!--->" are closed comments */
		} else if (c == '>') {
			hs_reset(h, H_DATA);
		} else {
			hs_reset(h, H_DECL);
		}
		break;
	case H_COMMENT:
		hs_comment_step(h, c);
		break;
	case H_TAG_NAME:
		if (is_ws(c) || c == '/')
			h->st = H_IN_TAG;
		else if (c == '>')
			hs_close_tag(h);
		else
			name_add(h->tag, sizeof(h->tag), &h->taglen, c);
		break;
	case H_IN_TAG:
		if (c == '>')
			hs_close_tag(h);
		else if (!is_ws(c) && c != '/')
			hs_start_attr(h, c);
		break;
	case H_ATTR_NAME:
	case H_AFTER_ATTR:
		if (is_ws(c))
			h->st = H_AFTER_ATTR;
		else if (c == '/')
			hs_clear_attr(h, H_IN_TAG);
		else if (c == '=')
			hs_classify_attr(h);
		else if (c == '>')
			hs_close_tag(h);
		else if (h->st == H_AFTER_ATTR)
			hs_start_attr(h, c);
		else
			name_add(h->an, sizeof(h->an), &h->anlen, c);
		break;
	case H_BEFORE_VAL:
		if (c == '"')
			h->st = H_VAL_DQ;
		else if (c == '\'')
			h->st = H_VAL_SQ;
		else if (c == '>')
			hs_close_tag(h);
		else if (!is_ws(c))
			h->st = H_VAL_UNQ;
		break;
	case H_VAL_DQ:
	case H_VAL_SQ:
		if (c == (h->st == H_VAL_DQ ? '"' : '\''))
			hs_clear_attr(h, H_IN_TAG);
		else
			h->started = 1;
		break;
	case H_VAL_UNQ:
		if (is_ws(c))
			hs_clear_attr(h, H_IN_TAG);
		else if (c == '>')
			hs_close_tag(h);
		break;
	case H_RAW:
		return hs_raw_step(h, c);
	}
	return 0;
}

/* Sets *ctx to the escaping context of an output at h; or returns -1 with
 * *why saying why no escaper fits there. */
static int hs_context(const struct hstate *h, enum ctx *ctx, const char **why)
{
	switch (h->st) {
	case H_DATA:
		*ctx = CTX_TEXT;
		return 0;
	case H_VAL_DQ:
	case H_VAL_SQ:
		if (h->attr == A_DENY) {
			*why = "inside a style, srcdoc or on* attribute is not allowed";
			return -1;
		}
		if (h->attr == A_URL)
			*ctx = h->started ? CTX_URL_MID : CTX_URL_START;
		else
			*ctx = CTX_ATTR;
		return 0;
	case H_RAW:
		if (h->raw == R_SCRIPT) {
			*ctx = CTX_SCRIPT;
			return 0;
		}
		*why = "inside <style> is not allowed";
		return -1;
	case H_MD:
	case H_COMMENT:
		*why = "inside an HTML comment is not allowed";
		return -1;
	case H_DECL:
	case H_BOGUS:
		*why = "inside <!...> or <?...> is not allowed";
		return -1;
	default:
		*why = "inside a tag must be in a quoted attribute value";
		return -1;
	}
}

static void hs_after_output(struct hstate *h)
{
	if (h->st == H_VAL_DQ || h->st == H_VAL_SQ) {
		h->started = 1;
	} else if (h->st == H_RAW) {
		h->cnt = 0;
		h->cnt2 = 0;
	}
}

static int hs_same(const struct hstate *a, const struct hstate *b)
{
	struct hstate x = *a, y = *b;
	x.started = y.started = 0;
	return memcmp(&x, &y, sizeof(x)) == 0;
}

static int hs_tagish(const struct hstate *h)
{
	return h->st == H_TAG_NAME || h->st == H_IN_TAG ||
	       h->st == H_ATTR_NAME || h->st == H_AFTER_ATTR;
}

/* The state after a block whose branches end in a and b.  Either the same
 * state (a value "started" if it did in either branch), or both between
 * attributes of the same tag, as in <input {{#if c}}checked{{/if}}>. */
static int hs_merge(struct hstate *out, const struct hstate *a,
		    const struct hstate *b)
{
	if (hs_same(a, b)) {
		uint8_t started = a->started | b->started;
		*out = *a;
		out->started = started;
		return 0;
	}
	if (hs_tagish(a) && hs_tagish(b) && a->is_end == b->is_end &&
	    a->taglen == b->taglen && memcmp(a->tag, b->tag, sizeof(a->tag)) == 0) {
		*out = *a;
		hs_clear_attr(out, H_IN_TAG);
		return 0;
	}
	return -1;
}

static const char *hs_where(const struct hstate *h)
{
	switch (h->st) {
	case H_DATA:
		return "text";
	case H_RAW:
		return h->raw == R_SCRIPT ? "<script>" : "<style>";
	case H_MD:
	case H_COMMENT:
		return "an HTML comment";
	case H_DECL:
	case H_BOGUS:
		return "<!...> or <?...>";
	default:
		return "a tag";
	}
}

/* ------------------------------------------------------------------------
 * Parser
 */

struct frame {
	struct node *blk;	/* NULL for the template itself */
	struct node **tail;	/* where the next node of this branch goes */
	struct hstate open;	/* state at the opening tag */
	struct hstate body;	/* state at the start of the first branch */
	struct hstate then_end;	/* state at {{else}} */
	unsigned line;
	int in_else;
};

struct parser {
	struct arena *a;
	const char *src;	/* the template's copy, in the arena */
	size_t len;
	unsigned line;
	struct hstate hs;
	int depth;
	struct frame stack[MAX_NEST + 1];
	struct err *e;
};

enum tok_kind { T_WORD, T_STR, T_PIPE };

struct tok {
	enum tok_kind kind;
	struct str s;		/* T_STR: without the quotes, escapes kept */
};

static const char *const block_names[] = {
	[N_IF] = "if", [N_UNLESS] = "unless", [N_EACH] = "each", [N_WITH] = "with",
};

static int perr(struct parser *ps, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int perr(struct parser *ps, unsigned line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(ps->e, ERR_INVALID, NULL, "line %u: %s", line, msg);
}

/* For messages: at most 40 bytes of a tag, cut on a UTF-8 boundary. */
static int shown(struct str s)
{
	size_t n = s.len;
	if (n <= 40)
		return (int)n;
	n = 40;
	while (n > 0 && ((unsigned char)s.p[n] & 0xc0) == 0x80)
		n--;
	return (int)n;
}

static struct node *new_node(struct parser *ps, enum node_kind kind)
{
	struct node *n = arena_alloc(ps->a, sizeof(*n));
	n->kind = kind;
	struct frame *f = &ps->stack[ps->depth];
	*f->tail = n;
	f->tail = &n->next;
	return n;
}

static int feed_text(struct parser *ps, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (hs_step(&ps->hs, (unsigned char)p[i]) < 0)
			return perr(ps, ps->line, "\"<!--\" inside <script> is not supported");
		if (p[i] == '\n')
			ps->line++;
	}
	return 0;
}

static int tokenize(struct str s, struct tok *t, int *nt)
{
	size_t i = 0;
	*nt = 0;
	while (i < s.len) {
		if (is_ws((unsigned char)s.p[i])) {
			i++;
			continue;
		}
		if (*nt == MAX_TOKENS)
			return -1;
		struct tok *k = &t[(*nt)++];
		if (s.p[i] == '"') {
			size_t j = ++i;
			while (j < s.len && s.p[j] != '"')
				j += s.p[j] == '\\' ? 2 : 1;
			if (j >= s.len)
				return -1;
			k->kind = T_STR;
			k->s = (struct str){s.p + i, j - i};
			i = j + 1;
		} else if (s.p[i] == '|') {
			k->kind = T_PIPE;
			k->s = (struct str){s.p + i, 1};
			i++;
		} else {
			size_t j = i;
			while (j < s.len && !is_ws((unsigned char)s.p[j]) &&
			       s.p[j] != '"' && s.p[j] != '|')
				j++;
			k->kind = T_WORD;
			k->s = (struct str){s.p + i, j - i};
			i = j;
		}
	}
	return 0;
}

static int is_name_char(unsigned char c)
{
	return is_alpha(c) || is_digit(c) || c == '_' || c == '-' || c == '.';
}

/* Splits a name into path segments once, so that rendering only walks them. */
static int parse_path(struct parser *ps, unsigned line, struct str name,
		      struct path *out)
{
	if (name.len == 0)
		return perr(ps, line, "empty name");
	if (str_eqs(name, ".")) {
		out->kind = P_DOT;
		return 0;
	}
	if (name.p[0] == '@') {
		if (str_eqs(name, "@index"))
			out->kind = P_INDEX;
		else if (str_eqs(name, "@number"))
			out->kind = P_NUMBER;
		else
			return perr(ps, line, "unknown name \"%.*s\" (only @index and @number)",
				    shown(name), name.p);
		return 0;
	}
	size_t nseg = 1;
	for (size_t i = 0; i < name.len; i++) {
		if (!is_name_char((unsigned char)name.p[i]))
			return perr(ps, line, "invalid character in name \"%.*s\" (letters, digits, _ - . only)",
				    shown(name), name.p);
		if (name.p[i] == '.')
			nseg++;
	}
	out->kind = P_NAME;
	out->nseg = nseg;
	out->seg = arena_alloc(ps->a, nseg * sizeof(*out->seg));
	struct str rest = name;
	for (size_t k = 0; k < nseg; k++) {
		struct str head;
		rest = str_cut(rest, '.', &head);
		if (head.len == 0)
			return perr(ps, line, "empty part in name \"%.*s\"",
				    shown(name), name.p);
		struct seg *sg = &out->seg[k];
		sg->key = head.p;
		sg->keylen = head.len;
		int64_t v;
		if (head.len <= 9 && str_to_i64(head, 0, INT32_MAX, &v) == 0) {
			sg->is_idx = 1;
			sg->idx = (size_t)v;
		}
	}
	return 0;
}

/* Checks that an output may stand at the current HTML state and records its
 * context in n->ctx. */
static int output_context(struct parser *ps, unsigned line, struct str tag,
			  struct node *n)
{
	const char *why;
	if (hs_context(&ps->hs, &n->ctx, &why) < 0)
		return perr(ps, line, "{{%.*s}} %s", shown(tag), tag.p, why);
	hs_after_output(&ps->hs);
	return 0;
}

static int parse_open(struct parser *ps, unsigned line, struct str tag,
		      struct tok *t, int nt)
{
	enum node_kind kind = N_TEXT;
	if (nt >= 1 && t[0].kind == T_WORD) {
		for (size_t k = N_IF; k <= N_WITH; k++)
			if (str_eqs(t[0].s, block_names[k]))
				kind = (enum node_kind)k;
	}
	if (kind == N_TEXT)
		return perr(ps, line, "unknown block helper {{%.*s}} (if, unless, each, with)",
			    shown(tag), tag.p);
	if (nt != 2 || t[1].kind != T_WORD)
		return perr(ps, line, "{{%.*s}} needs exactly one name",
			    shown(tag), tag.p);
	if (ps->depth == MAX_NEST)
		return perr(ps, line, "blocks nested deeper than %d", MAX_NEST);
	struct node *n = new_node(ps, kind);
	if (parse_path(ps, line, t[1].s, &n->path) < 0)
		return ERR_INVALID;
	struct frame *f = &ps->stack[++ps->depth];
	memset(f, 0, sizeof(*f));
	f->blk = n;
	f->tail = &n->body;
	f->line = line;
	f->open = ps->hs;
	f->body = ps->hs;
	/* A loop body inside an attribute value never starts the value again. */
	if (kind == N_EACH && (ps->hs.st == H_VAL_DQ || ps->hs.st == H_VAL_SQ))
		f->body.started = 1;
	ps->hs = f->body;
	return 0;
}

static int parse_else(struct parser *ps, unsigned line)
{
	struct frame *f = &ps->stack[ps->depth];
	if (!f->blk)
		return perr(ps, line, "{{else}} outside a block");
	if (f->in_else)
		return perr(ps, line, "second {{else}} in {{#%s}} from line %u",
			    block_names[f->blk->kind], f->line);
	f->in_else = 1;
	f->then_end = ps->hs;
	f->tail = &f->blk->alt;
	ps->hs = f->open;
	return 0;
}

static int parse_close(struct parser *ps, unsigned line, struct str tag,
		       struct tok *t, int nt)
{
	struct frame *f = &ps->stack[ps->depth];
	if (nt != 1 || t[0].kind != T_WORD)
		return perr(ps, line, "{{%.*s}}: a closing tag takes no name",
			    shown(tag), tag.p);
	if (!f->blk)
		return perr(ps, line, "{{/%.*s}} closes no open block",
			    shown(t[0].s), t[0].s.p);
	const char *want = block_names[f->blk->kind];
	if (!str_eqs(t[0].s, want))
		return perr(ps, line, "{{/%.*s}} closes {{#%s}} from line %u",
			    shown(t[0].s), t[0].s.p, want, f->line);

	struct hstate body_end = f->in_else ? f->then_end : ps->hs;
	struct hstate alt_end = f->in_else ? ps->hs : f->open;
	struct hstate m;
	if (f->blk->kind == N_EACH &&
	    (hs_merge(&m, &f->body, &body_end) < 0 || !hs_same(&m, &f->body)))
		return perr(ps, line, "the body of {{#each}} from line %u ends in %s but starts in %s",
			    f->line, hs_where(&body_end), hs_where(&f->body));
	if (hs_merge(&ps->hs, &body_end, &alt_end) < 0)
		return perr(ps, line, "the branches of {{#%s}} from line %u end in different HTML states (%s, %s)",
			    want, f->line, hs_where(&body_end), hs_where(&alt_end));
	ps->depth--;
	return 0;
}

/* Copies a quoted string's bytes without its backslash escapes (\" and \\). */
static int unquote(struct parser *ps, unsigned line, struct str s,
		   struct str *out)
{
	char *p = arena_alloc(ps->a, s.len + 1);
	size_t n = 0;
	for (size_t i = 0; i < s.len; i++) {
		if (s.p[i] == '\\') {
			if (i + 1 == s.len || (s.p[i + 1] != '"' && s.p[i + 1] != '\\'))
				return perr(ps, line, "only \\\" and \\\\ may follow a backslash in a string");
			i++;
		}
		p[n++] = s.p[i];
	}
	p[n] = '\0';
	*out = (struct str){p, n};
	return 0;
}

static int valid_partial_name(struct str s)
{
	if (s.len == 0)
		return 0;
	for (size_t i = 0; i < s.len; i++)
		if (!is_name_char((unsigned char)s.p[i]) && s.p[i] != '/')
			return 0;
	return 1;
}

static int parse_simple(struct parser *ps, unsigned line, struct str tag,
			struct tok *t, int nt)
{
	struct node *n;
	int at_data = ps->hs.st == H_DATA;

	if (t[0].kind != T_WORD)
		goto bad;
	if (str_eqs(t[0].s, "else") && nt == 1)
		return parse_else(ps, line);
	if (str_eqs(t[0].s, "yield") && nt == 1) {
		if (!at_data)
			return perr(ps, line, "{{yield}} must stand in HTML text, not in %s",
				    hs_where(&ps->hs));
		new_node(ps, N_YIELD);
		return 0;
	}
	if (str_eqs(t[0].s, "raw")) {
		if (nt != 2 || t[1].kind != T_WORD)
			return perr(ps, line, "{{raw}} takes exactly one name");
		const char *why = NULL;
		enum ctx ctx;
		/* Raw output is the author's choice, but not where the tracker
		 * could no longer follow the HTML it lands in. */
		if (hs_context(&ps->hs, &ctx, &why) < 0 && ps->hs.st != H_RAW &&
		    ps->hs.st != H_VAL_DQ && ps->hs.st != H_VAL_SQ)
			return perr(ps, line, "{{%.*s}} %s", shown(tag), tag.p, why);
		hs_after_output(&ps->hs);
		n = new_node(ps, N_RAW);
		return parse_path(ps, line, t[1].s, &n->path);
	}
	if (str_eqs(t[0].s, "t")) {
		if (nt < 2 || nt > 3 || t[1].kind == T_PIPE ||
		    (nt == 3 && t[2].kind != T_WORD))
			return perr(ps, line, "{{t}} takes a quoted message or a name, and at most one name more");
		n = new_node(ps, N_T);
		if (output_context(ps, line, tag, n) < 0)
			return ERR_INVALID;
		if (t[1].kind == T_WORD) {
			n->msg_is_path = 1;
			if (parse_path(ps, line, t[1].s, &n->mpath) < 0)
				return ERR_INVALID;
		} else if (unquote(ps, line, t[1].s, &n->text) < 0) {
			return ERR_INVALID;
		}
		if (nt == 3) {
			n->has_arg = 1;
			return parse_path(ps, line, t[2].s, &n->path);
		}
		return 0;
	}
	if (nt == 3 && t[1].kind == T_PIPE && t[2].kind == T_WORD) {
		if (!str_eqs(t[2].s, "url"))
			return perr(ps, line, "unknown filter \"%.*s\" (only url)",
				    shown(t[2].s), t[2].s.p);
	} else if (nt != 1) {
		goto bad;
	}
	n = new_node(ps, N_VAR);
	n->url = nt == 3;
	if (output_context(ps, line, tag, n) < 0)
		return ERR_INVALID;
	return parse_path(ps, line, t[0].s, &n->path);
bad:
	return perr(ps, line, "cannot parse {{%.*s}}", shown(tag), tag.p);
}

/* One {{...}}: tag is what stands between the braces. */
static int parse_tag(struct parser *ps, unsigned line, struct str tag)
{
	struct tok t[MAX_TOKENS];
	int nt;

	if (tag.len && tag.p[0] == '!')
		return 0;
	struct str body = str_trim(tag);
	if (body.len == 0)
		return perr(ps, line, "empty {{}}");
	char sigil = body.p[0];
	if (sigil == '#' || sigil == '/' || sigil == '>') {
		body.p++;
		body.len--;
	}
	if (tokenize(body, t, &nt) < 0)
		return perr(ps, line, "cannot parse {{%.*s}}", shown(tag), tag.p);
	if (nt == 0)
		return perr(ps, line, "empty name in {{%.*s}}", shown(tag), tag.p);
	switch (sigil) {
	case '#':
		return parse_open(ps, line, tag, t, nt);
	case '/':
		return parse_close(ps, line, tag, t, nt);
	case '>': {
		if (nt != 1 || t[0].kind != T_WORD || !valid_partial_name(t[0].s))
			return perr(ps, line, "{{%.*s}}: a partial takes one name (letters, digits, _ - . /)",
				    shown(tag), tag.p);
		if (ps->hs.st != H_DATA)
			return perr(ps, line, "{{%.*s}} must stand in HTML text, not in %s",
				    shown(tag), tag.p, hs_where(&ps->hs));
		struct node *n = new_node(ps, N_PARTIAL);
		n->text = t[0].s;
		n->text.p = arena_strndup(ps->a, t[0].s.p, t[0].s.len);
		return 0;
	}
	default:
		return parse_simple(ps, line, tag, t, nt);
	}
}

/* Where the "}}" closing a tag whose content starts at from is, or -1.
 * Braces inside a quoted string do not count; in a {{! comment }} quotes
 * do not count. */
static long find_close(const char *s, size_t len, size_t from)
{
	int comment = from < len && s[from] == '!';
	int in_str = 0;
	for (size_t i = from; i + 1 < len; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"' && !comment) {
			in_str = 1;
		} else if (c == '}' && s[i + 1] == '}') {
			return (long)i;
		}
	}
	return -1;
}

static unsigned count_lines(const char *p, size_t n)
{
	unsigned k = 0;
	for (size_t i = 0; i < n; i++)
		k += p[i] == '\n';
	return k;
}

static int parse(struct parser *ps, struct node **root)
{
	const char *s = ps->src;
	size_t len = ps->len, pos = 0;

	ps->stack[0].tail = root;
	while (pos < len) {
		const char *open = memmem(s + pos, len - pos, "{{", 2);
		size_t end = open ? (size_t)(open - s) : len;
		if (end > pos) {
			struct node *n = new_node(ps, N_TEXT);
			n->text = (struct str){s + pos, end - pos};
			if (feed_text(ps, s + pos, end - pos) < 0)
				return ERR_INVALID;
		}
		if (!open)
			break;
		long close = find_close(s, len, end + 2);
		if (close < 0)
			return perr(ps, ps->line, "unterminated {{");
		struct str tag = {s + end + 2, (size_t)close - end - 2};
		unsigned line = ps->line;
		if (parse_tag(ps, line, tag) < 0)
			return ERR_INVALID;
		ps->line += count_lines(tag.p, tag.len);
		pos = (size_t)close + 2;
	}
	if (ps->depth > 0) {
		struct frame *f = &ps->stack[ps->depth];
		return perr(ps, f->line, "{{#%s}} is never closed",
			    block_names[f->blk->kind]);
	}
	if (ps->hs.st != H_DATA)
		return perr(ps, ps->line, "template ends inside %s",
			    hs_where(&ps->hs));
	return 0;
}

/* The first line of src that is not valid UTF-8, or 0.  A multi-byte
 * sequence never holds '\n', so lines can be checked one by one. */
static unsigned bad_utf8_line(const char *src, size_t len)
{
	unsigned line = 1;
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(src + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - src) : len;
		if (!utf8_valid(src + pos, end - pos))
			return line;
		line++;
		pos = end + 1;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * The set
 */

static const struct tmpl *find(const struct tmpl_set *set, const char *name,
			       size_t n)
{
	uint32_t h = (uint32_t)hash_bytes(name, n);
	for (const struct tmpl *t = set->bucket[h & (set->nbucket - 1)]; t; t = t->next)
		if (t->hash == h && strlen(t->name) == n && memcmp(t->name, name, n) == 0)
			return t;
	return NULL;
}

static void tmpl_free(struct tmpl *t)
{
	arena_free(&t->arena);
	mem_free(t);
}

struct tmpl_set *tmpl_set_new(void)
{
	struct tmpl_set *set = mem_alloc(sizeof(*set));
	set->nbucket = 64;
	set->bucket = mem_alloc(set->nbucket * sizeof(*set->bucket));
	set->max_steps = DEFAULT_MAX_STEPS;
	return set;
}

void tmpl_set_free(struct tmpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->nbucket; i++) {
		struct tmpl *t = set->bucket[i];
		while (t) {
			struct tmpl *next = t->next;
			tmpl_free(t);
			t = next;
		}
	}
	mem_free(set->bucket);
	mem_free(set);
}

static void grow(struct tmpl_set *set)
{
	size_t nb = set->nbucket * 2;
	struct tmpl **b = mem_alloc(nb * sizeof(*b));
	for (size_t i = 0; i < set->nbucket; i++) {
		struct tmpl *t = set->bucket[i];
		while (t) {
			struct tmpl *next = t->next;
			t->next = b[t->hash & (nb - 1)];
			b[t->hash & (nb - 1)] = t;
			t = next;
		}
	}
	mem_free(set->bucket);
	set->bucket = b;
	set->nbucket = nb;
}

static void insert(struct tmpl_set *set, struct tmpl *t)
{
	struct tmpl **pp = &set->bucket[t->hash & (set->nbucket - 1)];
	for (; *pp; pp = &(*pp)->next) {
		if ((*pp)->hash == t->hash && strcmp((*pp)->name, t->name) == 0) {
			struct tmpl *old = *pp;
			t->next = old->next;
			*pp = t;
			tmpl_free(old);
			return;
		}
	}
	*pp = t;
	if (++set->count > set->nbucket)
		grow(set);
}

int tmpl_set_add(struct tmpl_set *set, const char *name, const char *src,
		 size_t len, struct err *e)
{
	unsigned bad = bad_utf8_line(src, len);
	if (bad)
		return err_set(e, ERR_INVALID, NULL,
			       "line %u: not valid UTF-8 (or a NUL byte)", bad);

	struct tmpl *t = mem_alloc(sizeof(*t));
	arena_init(&t->arena);
	t->name = arena_strdup(&t->arena, name);
	t->hash = (uint32_t)hash_str(name);

	struct parser *ps = mem_alloc(sizeof(*ps));
	ps->a = &t->arena;
	ps->src = arena_strndup(&t->arena, src, len);
	ps->len = len;
	ps->line = 1;
	ps->e = e;
	int rc = parse(ps, &t->root);
	mem_free(ps);
	if (rc < 0) {
		tmpl_free(t);
		return rc;
	}
	insert(set, t);
	return 0;
}

int tmpl_set_has(const struct tmpl_set *set, const char *name)
{
	return find(set, name, strlen(name)) != NULL;
}

void tmpl_set_translator(struct tmpl_set *set, tmpl_translate_fn fn,
			 void *ctx)
{
	set->tr = fn;
	set->tr_ctx = ctx;
}

void tmpl_set_max_steps(struct tmpl_set *set, size_t steps)
{
	set->max_steps = steps ? steps : DEFAULT_MAX_STEPS;
}

/* ------------------------------------------------------------------------
 * Loading a directory
 */

static int load_file(struct tmpl_set *set, const char *path, const char *name,
		     size_t namelen, struct err *e)
{
	struct buf b;
	struct err inner;
	int rc;

	buf_init(&b, MAX_FILE_SIZE);
	if ((rc = buf_add_file(&b, path, e)) < 0)
		goto out;
	char *tname = mem_strndup(name, namelen);
	err_clear(&inner);
	rc = tmpl_set_add(set, tname, b.p, b.len, &inner);
	mem_free(tname);
	if (rc < 0)
		err_set(e, rc, NULL, "%s: %s", path, inner.msg);
out:
	buf_release(&b);
	return rc;
}

static void path_truncate(struct buf *path, size_t len)
{
	if (path->len > len) {
		path->len = len;
		path->p[len] = '\0';
	}
}

/* path holds a directory; root_len is the length of the directory given to
 * tmpl_set_load_dir, so that names are relative to it. */
static int load_walk(struct tmpl_set *set, struct buf *path, size_t root_len,
		     int depth, struct err *e)
{
	size_t base = path->len;
	struct dirent *de;
	int rc = 0;

	DIR *d = opendir(path->p);
	if (!d)
		return err_set(e, ERR_FAIL, NULL, "%s: %s", path->p, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		path_truncate(path, base);
		if (buf_addc(path, '/') < 0 || buf_adds(path, de->d_name) < 0) {
			rc = err_set(e, ERR_LIMIT, NULL, "%s/%s: path too long",
				     path->p, de->d_name);
			break;
		}
		if (stat(path->p, &st) < 0) {
			rc = err_set(e, ERR_FAIL, NULL, "%s: %s", path->p, strerror(errno));
			break;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth == MAX_DIR_DEPTH) {
				rc = err_set(e, ERR_LIMIT, NULL, "%s: directories nested deeper than %d",
					     path->p, MAX_DIR_DEPTH);
				break;
			}
			rc = load_walk(set, path, root_len, depth + 1, e);
		} else if (S_ISREG(st.st_mode) && path->len > base + 6 &&
			   memcmp(path->p + path->len - 5, ".html", 5) == 0) {
			const char *name = path->p + root_len + 1;
			rc = load_file(set, path->p, name,
				       path->len - (root_len + 1) - 5, e);
		}
		if (rc < 0)
			break;
	}
	closedir(d);
	path_truncate(path, base);
	return rc;
}

int tmpl_set_load_dir(struct tmpl_set *set, const char *dir, struct err *e)
{
	struct buf path;
	buf_init(&path, 4096);
	if (buf_adds(&path, dir) < 0)
		return err_set(e, ERR_LIMIT, NULL, "template directory path too long");
	int rc = load_walk(set, &path, path.len, 0, e);
	buf_release(&path);
	return rc;
}

/* ------------------------------------------------------------------------
 * Rendering
 */

/* One level of lookup: the root data, an {{#each}} item or a {{#with}}
 * value.  Scopes live on the C stack of the render. */
struct scope {
	json_t *v;
	const struct scope *up;
	size_t index;
	int has_index;
};

/* A looked-up value: a JSON value (NULL when missing) or @index/@number. */
struct val {
	json_t *j;
	int is_count;
	size_t count;
};

struct render {
	const struct tmpl_set *set;
	const char *lang;
	struct buf *out;
	struct err *e;
	const char *yield;
	size_t yield_len;
	int depth;		/* partials */
	size_t steps;		/* left */
};

static json_t *child(json_t *v, const struct seg *sg)
{
	if (json_is_object(v))
		return json_object_getn(v, sg->key, sg->keylen);
	if (sg->is_idx && json_is_array(v))
		return json_array_get(v, sg->idx);
	return NULL;
}

/* The first segment is looked up from the innermost scope outwards; the rest
 * are followed from where it was found. */
static void resolve(const struct scope *sc, const struct path *p, struct val *out)
{
	out->j = NULL;
	out->is_count = 0;
	switch (p->kind) {
	case P_DOT:
		out->j = sc->v;
		return;
	case P_INDEX:
	case P_NUMBER:
		for (; sc; sc = sc->up) {
			if (sc->has_index) {
				out->is_count = 1;
				out->count = sc->index + (p->kind == P_NUMBER);
				return;
			}
		}
		return;
	case P_NAME:
		break;
	}
	for (; sc; sc = sc->up) {
		json_t *v = child(sc->v, &p->seg[0]);
		if (!v)
			continue;
		for (size_t i = 1; i < p->nseg && v; i++)
			v = child(v, &p->seg[i]);
		out->j = v;
		return;
	}
}

static int truthy(const struct val *v)
{
	if (v->is_count)
		return v->count != 0;
	if (!v->j)
		return 0;
	switch (json_typeof(v->j)) {
	case JSON_OBJECT:
		return json_object_size(v->j) != 0;
	case JSON_ARRAY:
		return json_array_size(v->j) != 0;
	case JSON_STRING:
		return json_string_length(v->j) != 0;
	case JSON_INTEGER:
		return json_integer_value(v->j) != 0;
	case JSON_REAL:
		return json_real_value(v->j) != 0.0;
	case JSON_TRUE:
		return 1;
	default:
		return 0;
	}
}

/* Decimal digits of v into num (at least 21 bytes); returns their count.
 * Faster than snprintf, which showed in render profiles. */
static size_t fmt_int(char *num, long long v)
{
	char tmp[24];
	size_t n = 0, k = 0;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		num[k++] = '-';
	while (n)
		num[k++] = tmp[--n];
	num[k] = '\0';
	return k;
}

/* The text of a value: strings as they are, numbers and booleans spelled
 * out in num[], everything else empty.  Returns 1 when the text is a JSON
 * literal (number or boolean). */
static int val_text(const struct val *v, char *num, size_t size,
		    const char **s, size_t *n)
{
	int k;
	*s = "";
	*n = 0;
	if (v->is_count) {
		k = (int)fmt_int(num, (long long)v->count);
		goto number;
	}
	if (!v->j)
		return 0;
	switch (json_typeof(v->j)) {
	case JSON_STRING:
		*s = json_string_value(v->j);
		*n = json_string_length(v->j);
		return 0;
	case JSON_INTEGER:
		k = (int)fmt_int(num, json_integer_value(v->j));
		goto number;
	case JSON_REAL:
		k = snprintf(num, size, "%g", json_real_value(v->j));
		goto number;
	case JSON_TRUE:
		*s = "true";
		*n = 4;
		return 1;
	case JSON_FALSE:
		*s = "false";
		*n = 5;
		return 1;
	default:
		return 0;
	}
number:
	*s = num;
	*n = k > 0 ? (size_t)k : 0;
	return 1;
}

static void emit(struct buf *out, enum ctx ctx, const char *s, size_t n)
{
	switch (ctx) {
	case CTX_TEXT:
	case CTX_ATTR:
		esc_html(out, s, n);
		break;
	case CTX_URL_START:
		if (esc_url_is_safe(s, n))
			esc_html(out, s, n);
		else
			buf_adds(out, "#unsafe-url");
		break;
	case CTX_URL_MID:
		esc_url_component(out, s, n);
		break;
	case CTX_SCRIPT:
		esc_js_string(out, s, n);
		break;
	}
}

static void render_var(struct render *r, const struct node *n,
		       const struct scope *sc)
{
	struct val v;
	char num[64];
	const char *s;
	size_t len;

	resolve(sc, &n->path, &v);
	int literal = val_text(&v, num, sizeof(num), &s, &len);
	if (n->kind == N_RAW) {
		buf_add(r->out, s, len);
	} else if (n->url) {
		/* Percent-encoded text needs no more escaping anywhere. */
		if (n->ctx == CTX_SCRIPT)
			buf_addc(r->out, '"');
		esc_url_component(r->out, s, len);
		if (n->ctx == CTX_SCRIPT)
			buf_addc(r->out, '"');
	} else if (n->ctx == CTX_SCRIPT && literal) {
		buf_add(r->out, s, len);
	} else {
		emit(r->out, n->ctx, s, len);
	}
}

static void render_t(struct render *r, const struct node *n,
		     const struct scope *sc)
{
	const char *msgid = n->text.p, *msg = NULL;
	char idnum[64];
	if (n->msg_is_path) {
		/* A msgid from the data, e.g. an error message of the domain
		 * layer.  Nothing for "": gettext would answer its header. */
		struct val mv;
		size_t idlen;
		resolve(sc, &n->mpath, &mv);
		val_text(&mv, idnum, sizeof(idnum), &msgid, &idlen);
		if (idlen == 0) {
			emit(r->out, n->ctx, "", 0);
			return;
		}
	}
	if (r->set->tr)
		msg = r->set->tr(r->set->tr_ctx, r->lang, msgid);
	if (!msg)
		msg = msgid;
	const char *at = n->has_arg ? strstr(msg, "%s") : NULL;
	if (!at) {
		emit(r->out, n->ctx, msg, strlen(msg));
		return;
	}

	struct val v;
	char num[64];
	const char *s;
	size_t len;
	resolve(sc, &n->path, &v);
	val_text(&v, num, sizeof(num), &s, &len);
	if (n->ctx == CTX_TEXT || n->ctx == CTX_ATTR) {
		esc_html(r->out, msg, (size_t)(at - msg));
		esc_html(r->out, s, len);
		esc_html(r->out, at + 2, strlen(at + 2));
		return;
	}
	/* URL and script contexts escape the message as a whole. */
	struct buf tmp;
	buf_init(&tmp, r->out->max);
	buf_add(&tmp, msg, (size_t)(at - msg));
	buf_add(&tmp, s, len);
	buf_adds(&tmp, at + 2);
	if (tmp.overflow)
		r->out->overflow = 1;
	else
		emit(r->out, n->ctx, tmp.p, tmp.len);
	buf_release(&tmp);
}

static int render_nodes(struct render *r, const struct node *n,
			const struct scope *sc);

static int render_partial(struct render *r, const struct node *n,
			  const struct scope *sc)
{
	if (r->depth >= MAX_PARTIAL_DEPTH)
		return err_set(r->e, ERR_INVALID, NULL,
			       "partials nested deeper than %d (at {{> %s}})",
			       MAX_PARTIAL_DEPTH, n->text.p);
	const struct tmpl *t = find(r->set, n->text.p, n->text.len);
	if (!t)
		return err_set(r->e, ERR_NOTFOUND, NULL,
			       "partial \"%s\" not found", n->text.p);
	r->depth++;
	int rc = render_nodes(r, t->root, sc);
	r->depth--;
	return rc;
}

static int render_block(struct render *r, const struct node *n,
			const struct scope *sc)
{
	struct val v;
	resolve(sc, &n->path, &v);
	switch (n->kind) {
	case N_IF:
		return render_nodes(r, truthy(&v) ? n->body : n->alt, sc);
	case N_UNLESS:
		return render_nodes(r, truthy(&v) ? n->alt : n->body, sc);
	case N_WITH: {
		if (!truthy(&v))
			return render_nodes(r, n->alt, sc);
		struct scope inner = {v.j, sc, 0, 0};
		return render_nodes(r, n->body, &inner);
	}
	case N_EACH: {
		size_t count = json_is_array(v.j) ? json_array_size(v.j) : 0;
		if (count == 0)
			return render_nodes(r, n->alt, sc);
		for (size_t i = 0; i < count; i++) {
			struct scope inner = {json_array_get(v.j, i), sc, i, 1};
			int rc;
			if (r->steps == 0)
				return 1;
			r->steps--;
			if ((rc = render_nodes(r, n->body, &inner)) != 0)
				return rc;
		}
		return 0;
	}
	default:
		return 0;
	}
}

/* Returns 0, 1 when out is full or the step budget is spent (the caller
 * turns that into ERR_LIMIT), or a negative error already set in r->e. */
static int render_nodes(struct render *r, const struct node *n,
			const struct scope *sc)
{
	int rc = 0;
	for (; n; n = n->next) {
		if (r->steps == 0)
			return 1;
		r->steps--;
		switch (n->kind) {
		case N_TEXT:
			buf_add(r->out, n->text.p, n->text.len);
			break;
		case N_VAR:
		case N_RAW:
			render_var(r, n, sc);
			break;
		case N_T:
			render_t(r, n, sc);
			break;
		case N_IF:
		case N_UNLESS:
		case N_EACH:
		case N_WITH:
			rc = render_block(r, n, sc);
			break;
		case N_PARTIAL:
			rc = render_partial(r, n, sc);
			break;
		case N_YIELD:
			buf_add(r->out, r->yield, r->yield_len);
			break;
		}
		if (rc != 0)
			return rc;
		if (r->out->overflow)
			return 1;
	}
	return 0;
}

static int render_one(struct render *r, const struct tmpl *t, json_t *data)
{
	struct scope root = {data, NULL, 0, 0};
	int rc = render_nodes(r, t->root, &root);
	if (rc == 1) {
		if (r->out->overflow)
			return err_set(r->e, ERR_LIMIT, NULL,
				       "rendering \"%s\": output larger than %zu bytes",
				       t->name, r->out->max);
		return err_set(r->e, ERR_LIMIT, NULL,
			       "rendering \"%s\": more than %zu steps",
			       t->name, r->set->max_steps);
	}
	return rc;
}

int tmpl_render(const struct tmpl_set *set, const char *name,
		const char *layout, json_t *data, const char *lang,
		struct buf *out, struct err *e)
{
	const struct tmpl *page, *lay = NULL;
	size_t start = out->len;
	int rc;

	page = find(set, name, strlen(name));
	if (!page)
		return err_set(e, ERR_NOTFOUND, NULL, "template \"%s\" not found", name);
	if (layout) {
		lay = find(set, layout, strlen(layout));
		if (!lay)
			return err_set(e, ERR_NOTFOUND, NULL, "layout \"%s\" not found", layout);
	}

	struct render r = {
		.set = set, .lang = lang, .out = out, .e = e,
		.yield = "", .steps = set->max_steps,
	};
	if (!lay) {
		rc = render_one(&r, page, data);
	} else {
		struct buf body;
		buf_init(&body, out->max);
		r.out = &body;
		rc = render_one(&r, page, data);
		if (rc == 0) {
			r.out = out;
			r.yield = body.p;
			r.yield_len = body.len;
			rc = render_one(&r, lay, data);
		}
		buf_release(&body);
	}
	if (rc < 0 && out->len != start)
		path_truncate(out, start);
	return rc;
}
