#include "service/share.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/image.h"
#include "core/mem.h"
#include "core/str.h"
#include "tmpl/markdown.h"
#include "store/action_store.h"
#include "store/action_update_store.h"
#include "store/code_store.h"
#include "store/conversation_store.h"
#include "store/district_store.h"
#include "store/image_store.h"
#include "store/initiative_store.h"
#include "store/post_store.h"
#include "store/post_text_store.h"
#include "store/question_store.h"
#include "store/search_store.h"
#include "store/session_store.h"

static bool blank(const char *s)
{
	return str_trim(str_from(s ? s : "")).len == 0;
}

/* The index holds every text of a post that is not a draft; what is shown
 * is decided when searching, so that a scheduled post needs no job. */
static int reindex_post(struct db *db, const struct post *p, const struct post_text *t, size_t n, struct err *e)
{
	int rc = search_store_drop(db, "post", p->id, e);
	if (rc < 0 || strcmp(p->status, "draft") == 0)
		return rc;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct buf body;
		buf_init(&body, 1 << 20);
		buf_adds(&body, t[i].summary);
		buf_addc(&body, '\n');
		markdown_plain(&body, t[i].body);
		rc = search_store_put(db, p->district_id, "post", p->id, t[i].lang, t[i].title, body.p, e);
		buf_release(&body);
	}
	return rc;
}

/* Whether texts (the ones being saved) hold a version in lang, and whether
 * that version is being removed. */
static const struct post_text *text_for(const struct post_text *texts, size_t n, const char *lang)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(texts[i].lang ? texts[i].lang : "", lang) == 0)
			return &texts[i];
	return NULL;
}

/* The initiative, conversation and image a post points to belong to its
 * district. */
static int post_links_check(struct db *db, struct arena *a, const struct post *p, struct err *e)
{
	struct initiative in;
	struct conversation c;
	struct image im;
	if (p->initiative_id && initiative_store_get(db, a, p->district_id, p->initiative_id, &in, NULL) < 0)
		return err_set(e, ERR_INVALID, "initiative_id", "Choose one of the district's initiatives.");
	if (p->conversation_id && conversation_store_get(db, a, p->district_id, p->conversation_id, &c, NULL) < 0)
		return err_set(e, ERR_INVALID, "conversation_id", "Choose one of the district's conversations.");
	if (p->image_id && image_store_get(db, a, p->district_id, p->image_id, false, &im, NULL) < 0)
		return err_set(e, ERR_INVALID, "image_id", "There is no such image.");
	return 0;
}

int share_post_save(struct db *db, struct arena *a, struct post *p, struct post_text *texts, size_t ntexts,
                    struct err *e)
{
	/* The languages the post will have: those saved now, and those it
	 * has that are not being replaced. */
	struct post_text *old = NULL;
	size_t nold = 0;
	int rc;
	if (p->id && (rc = post_text_store_list(db, a, p->id, &old, &nold, e)) < 0)
		return rc;
	const char *first_title = NULL;
	int keep = 0;
	for (size_t i = 0; i < ntexts; i++) {
		struct post_text *t = &texts[i];
		if (blank(t->title) && blank(t->body))
			continue;
		keep++;
		if (post_text_check(t, e) < 0) {
			char field[sizeof(e->field)];
			str_copy(field, sizeof(field), e->field);
			str_copy(e->field, sizeof(e->field), arena_printf(a, "%s_%s", field, t->lang));
			return ERR_INVALID;
		}
		if (!first_title)
			first_title = t->title;
	}
	for (size_t i = 0; i < nold; i++)
		keep += !text_for(texts, ntexts, old[i].lang);
	if (!keep)
		return err_set(e, ERR_INVALID, ntexts ? arena_printf(a, "title_%s", texts[0].lang) : "texts",
		               "Write the recap in at least one language: a title and the text.");
	if (!p->slug || !*p->slug)
		p->slug = post_slugify(a, first_title ? first_title : nold ? old[0].title : "");
	if (strcmp(p->status ? p->status : "", "published") == 0 && p->publish_at <= 0)
		p->publish_at = time(NULL);
	if (post_check(p, e) < 0 || post_links_check(db, a, p, e) < 0)
		return ERR_INVALID;
	if ((rc = db_begin(db, e)) < 0)
		return rc;
	rc = p->id ? post_store_update(db, p, e) : post_store_add(db, p, e);
	for (size_t i = 0; rc == 0 && i < ntexts; i++) {
		texts[i].post_id = p->id;
		texts[i].district_id = p->district_id;
		rc = blank(texts[i].title) && blank(texts[i].body)
		             ? post_text_store_delete(db, p->district_id, p->id, texts[i].lang, e)
		             : post_text_store_save(db, &texts[i], e);
	}
	struct post_text *all = NULL;
	size_t nall = 0;
	if (rc == 0)
		rc = post_text_store_list(db, a, p->id, &all, &nall, e);
	if (rc == 0)
		rc = reindex_post(db, p, all, nall, e);
	return db_end(db, rc, e);
}

static int recap_fill(struct db *db, struct arena *a, const char *lang, struct recap *r, struct err *e)
{
	int rc = post_text_store_list(db, a, r->p.id, &r->texts, &r->ntexts, e);
	r->text = rc == 0 ? post_pick_text(r->texts, r->ntexts, lang) : NULL;
	return rc;
}

int share_recaps(struct db *db, struct arena *a, int64_t district_id, int64_t now, const char *lang, int limit,
                 struct recap **out, size_t *n, struct err *e)
{
	struct post *ps;
	size_t np = 0;
	*out = NULL;
	*n = 0;
	int rc = post_store_list(db, a, district_id, now, limit, &ps, &np, e);
	if (rc < 0 || np == 0)
		return rc;
	struct recap *rs = arena_alloc(a, np * sizeof(*rs));
	size_t k = 0;
	for (size_t i = 0; rc == 0 && i < np; i++) {
		rs[k].p = ps[i];
		rc = recap_fill(db, a, lang, &rs[k], e);
		if (rc == 0 && rs[k].text)
			k++;
	}
	*out = rs;
	*n = k;
	return rc;
}

int share_recap(struct db *db, struct arena *a, int64_t district_id, const char *slug, int64_t now,
                const char *lang, bool preview, struct recap *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	int rc = post_store_by_slug(db, a, district_id, slug, &out->p, e);
	if (rc < 0)
		return rc;
	if (!preview && !post_visible(&out->p, now))
		return err_set(e, ERR_NOTFOUND, NULL, "There is no such recap.");
	rc = recap_fill(db, a, lang, out, e);
	if (rc == 0 && !out->text)
		rc = err_set(e, ERR_NOTFOUND, NULL, "There is no such recap.");
	return rc;
}

int share_image_add(struct db *db, int64_t district_id, int64_t user_id, const void *data, size_t len,
                    const char *alt, int64_t *id, struct err *e)
{
	struct image_info info;
	if (image_inspect(data, len, &info, e) < 0)
		return e ? e->code : ERR_INVALID;
	int rc = err_check_text(alt, 1, 300, "alt", "A description of the image", e);
	if (rc < 0)
		return rc;
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * sizeof(h) + 1];
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = mem_alloc(b64len);
	sodium_bin2base64(b64, b64len, data, len, sodium_base64_VARIANT_ORIGINAL);
	struct image im = {
		.district_id = district_id, .content_type = info.content_type, .width = info.width,
		.height = info.height, .bytes = (int64_t)len, .sha256 = hex, .alt = alt, .data_b64 = b64,
		.created_by = user_id,
	};
	rc = image_store_add(db, &im, e);
	mem_free(b64);
	*id = im.id;
	return rc;
}

int share_post_image(struct db *db, struct post *p, int64_t user_id, const void *data, size_t len,
                     const char *alt, struct err *e)
{
	struct post with = *p;
	int rc = db_begin(db, e);
	if (rc < 0)
		return rc;
	rc = share_image_add(db, p->district_id, user_id, data, len, alt, &with.image_id, e);
	if (rc == 0)
		rc = post_store_update(db, &with, e);
	if ((rc = db_end(db, rc, e)) == 0)
		*p = with;
	return rc;
}

int share_hub_load(struct db *db, struct arena *a, const char *slug, int64_t now, const char *lang,
                   struct share_hub *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	int rc = db_begin_read(db, e);
	if (rc < 0)
		return rc;
	struct question *open;
	rc = district_store_by_slug(db, a, slug, &out->d, e);
	if (rc == 0)
		rc = initiative_store_list(db, a, out->d.id, &out->initiatives, &out->ninitiatives, e);
	if (rc == 0)
		rc = session_store_upcoming(db, a, out->d.id, now, &out->upcoming, &out->nupcoming, e);
	if (rc == 0)
		rc = share_recaps(db, a, out->d.id, now, lang, 3, &out->recaps, &out->nrecaps, e);
	if (rc == 0)
		rc = question_store_list(db, a, out->d.id, Q_ANSWERED, 3, &out->answered, &out->nanswered, e);
	if (rc == 0)
		rc = question_store_list(db, a, out->d.id, Q_OPEN, 0, &open, &out->nopen, e);
	if (rc == 0)
		rc = action_store_list(db, a, out->d.id, 0, &out->actions, &out->nactions, e);
	/* Nothing was written: ending the read cannot lose anything. */
	db_rollback(db);
	return rc;
}

int share_question_ask(struct db *db, struct arena *a, struct question *q, struct err *e)
{
	if (question_check_ask(q, a, e) < 0)
		return ERR_INVALID;
	return question_store_add(db, q, e);
}

static int reindex_question(struct db *db, const struct question *q, struct err *e)
{
	int rc = search_store_drop(db, "question", q->id, e);
	if (rc == 0 && strcmp(q->status, "published") == 0 && q->answered_at) {
		struct buf plain;
		buf_init(&plain, 1 << 20);
		markdown_plain(&plain, q->answer);
		rc = search_store_put(db, q->district_id, "question", q->id, q->lang, q->body, plain.p ? plain.p : "", e);
		buf_release(&plain);
	}
	return rc;
}

int share_question_moderate(struct db *db, struct arena *a, int64_t district_id, int64_t id, const char *decision,
                            const char *reason, int64_t into, int64_t user_id, struct err *e)
{
	struct question q, target;
	int rc = question_store_get(db, a, district_id, id, &q, e);
	if (rc < 0)
		return rc;
	q.hidden_reason = "";
	q.merged_into = 0;
	if (strcmp(decision ? decision : "", "publish") == 0) {
		q.status = "published";
	} else if (strcmp(decision ? decision : "", "hide") == 0) {
		if (question_check_hide(reason, e) < 0)
			return ERR_INVALID;
		q.status = "hidden";
		q.hidden_reason = reason;
	} else if (strcmp(decision ? decision : "", "merge") == 0) {
		if (into == id)
			return err_set(e, ERR_INVALID, "into", "A question cannot be merged into itself.");
		if (into <= 0 || question_store_get(db, a, district_id, into, &target, NULL) < 0)
			return err_set(e, ERR_INVALID, "into", "Choose the question this one repeats.");
		if (strcmp(target.status, "merged") == 0 || strcmp(target.status, "hidden") == 0)
			return err_set(e, ERR_INVALID, "into", "Merge into a question that is shown, not a merged or hidden one.");
		q.status = "merged";
		q.merged_into = into;
	} else {
		return err_set(e, ERR_INVALID, "decision", "Choose publish, hide or merge.");
	}
	if ((rc = db_begin(db, e)) < 0)
		return rc;
	rc = question_store_moderate(db, &q, user_id, e);
	if (rc == 0)
		rc = reindex_question(db, &q, e);
	return db_end(db, rc, e);
}

int share_question_answer(struct outbox_ctx *x, const struct district *d, int64_t id, const char *answer,
                          int64_t user_id, int *told, struct err *e)
{
	*told = 0;
	if (question_check_answer(answer, e) < 0)
		return ERR_INVALID;
	struct question q;
	int rc = question_store_get(x->db, x->a, d->id, id, &q, e);
	if (rc < 0)
		return rc;
	if (strcmp(q.status, "merged") == 0)
		return err_set(e, ERR_INVALID, "answer", "This question was merged: answer the question it joined.");
	if (strcmp(q.status, "hidden") == 0)
		return err_set(e, ERR_INVALID, "answer", "This question is hidden: publish it before answering.");
	if ((rc = db_begin(x->db, e)) < 0)
		return rc;
	rc = question_store_answer(x->db, d->id, id, answer, user_id, x->now, e);
	if (rc == 0)
		rc = question_store_get(x->db, x->a, d->id, id, &q, e);
	if (rc == 0)
		rc = reindex_question(x->db, &q, e);
	struct question *merged = NULL;
	size_t nm = 0;
	if (rc == 0)
		rc = question_store_merged(x->db, x->a, d->id, id, &merged, &nm, e);
	const char *url = arena_printf(x->a, "%s/d/%s/questions/%lld", x->base_url, d->slug, (long long)id);
	for (size_t i = 0; rc == 0 && i <= nm; i++) {
		int queued = 0;
		rc = outbox_answer(x, d, i == 0 ? &q : &merged[i - 1], answer, url, &queued, e);
		*told += queued;
	}
	return db_end(x->db, rc, e);
}

int share_action_save(struct db *db, struct arena *a, struct action *act, const char *note, int64_t user_id,
                      struct err *e)
{
	if (action_check(act, e) < 0)
		return ERR_INVALID;
	/* The theme is one of the district's codes, of the action's
	 * initiative; without an initiative, the theme's is taken. */
	if (act->code_id) {
		struct code c;
		if (code_store_get(db, a, act->district_id, act->code_id, &c, NULL) < 0)
			return err_set(e, ERR_INVALID, "code_id", "Choose one of the themes of the codebook.");
		if (!act->initiative_id)
			act->initiative_id = c.initiative_id;
		if (c.initiative_id != act->initiative_id)
			return err_set(e, ERR_INVALID, "code_id", "The theme belongs to another initiative.");
	}
	struct initiative in;
	if (act->initiative_id <= 0 ||
	    initiative_store_get(db, a, act->district_id, act->initiative_id, &in, NULL) < 0)
		return err_set(e, ERR_INVALID, "initiative_id", "Choose the initiative the action belongs to.");
	int rc = err_check_text(note, 0, 4000, "note", "The update", e);
	if (rc < 0)
		return rc;
	struct action old = {0};
	if (act->id && (rc = action_store_get(db, a, act->district_id, act->id, &old, e)) < 0)
		return rc;
	if ((rc = db_begin(db, e)) < 0)
		return rc;
	if (act->id) {
		rc = action_store_update(db, act, e);
	} else {
		act->created_by = user_id;
		rc = action_store_add(db, act, e);
	}
	bool changed = !old.id || strcmp(old.status, act->status) != 0 || old.progress != act->progress;
	if (rc == 0 && (changed || !blank(note))) {
		struct action_update u = {.district_id = act->district_id, .action_id = act->id,
		                          .body = note ? note : "", .status = act->status, .progress = act->progress,
		                          .author_id = user_id};
		rc = action_update_store_add(db, &u, e);
	}
	return db_end(db, rc, e);
}

int share_report_back(struct outbox_ctx *x, const struct district *d, int64_t conversation_id, const char *url,
                      int *queued, struct err *e)
{
	struct conversation c;
	int rc = conversation_store_get(x->db, x->a, d->id, conversation_id, &c, e);
	if (rc < 0)
		return rc;
	if ((rc = db_begin(x->db, e)) < 0)
		return rc;
	rc = outbox_results(x, &c, d, url, queued, e);
	if (rc == 0 && *queued > 0 && strcmp(c.status, "reported") != 0) {
		c.status = "reported";
		rc = conversation_store_update(x->db, &c, e);
	}
	return db_end(x->db, rc, e);
}

int share_search(struct db *db, struct arena *a, int64_t district_id, const char *q, int64_t now,
                 struct search_hit **out, size_t *n, struct err *e)
{
	struct search_hit *hits;
	size_t nh = 0;
	*out = NULL;
	*n = 0;
	int rc = search_store_find(db, a, district_id, q, 40, &hits, &nh, e);
	if (rc < 0)
		return rc;
	/* The index may hold a post scheduled for later: leave it out. */
	size_t k = 0;
	for (size_t i = 0; i < nh; i++) {
		if (strcmp(hits[i].kind, "post") == 0) {
			struct post p;
			if (post_store_get(db, a, district_id, hits[i].ref_id, &p, NULL) < 0 || !post_visible(&p, now))
				continue;
			hits[i].slug = p.slug;
		}
		hits[k++] = hits[i];
	}
	*out = hits;
	*n = k;
	return 0;
}
