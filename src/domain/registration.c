#include "domain/registration.h"

#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "core/lang.h"
#include "core/str.h"
#include "domain/account.h"

#define R(n, t, m, l) .name = n, .type = t, .off = offsetof(struct registration, m), .label = l
const struct field registration_fields[] = {
	{R("name", FIELD_LINE, name, N_("Your name")), .max = 200},
	{R("email", FIELD_LINE, email, N_("E-mail address")), .max = 254},
	{R("phone", FIELD_LINE, phone, N_("Phone number")), .max = 40},
	{R("language", FIELD_LINE, language, N_("Language for our messages")), .max = 35},
	{R("group_id", FIELD_ID, group_id, N_("The group"))},
	{R("need_interpretation", FIELD_LINE, need_interpretation, N_("Interpretation into")), .max = 35},
	{R("need_sign_language", FIELD_BOOL, need_sign_language, N_("Sign language interpretation"))},
	{R("need_childcare", FIELD_BOOL, need_childcare, N_("Childcare"))},
	{R("need_transport", FIELD_BOOL, need_transport, N_("Transportation"))},
	{R("need_other", FIELD_LINE, need_other, N_("Other needs")), .max = 1000},
	{R("consent_record", FIELD_BOOL, consent_record, N_("Recording"))},
	{R("consent_quote", FIELD_BOOL, consent_quote, N_("Quoting"))},
	FIELD_END,
};
#undef R

static const char *const actions[] = {"save", "cancel", "rejoin", NULL};
const struct field registration_action_fields[] = {
	{.name = "action", .type = FIELD_CHOICE, .off = offsetof(struct registration_action, action),
	 .label = N_("What to do"), .choices = actions,
	 .msg = N_("Choose what to do with your registration.")},
	FIELD_END,
};

int registration_check(struct registration *r, struct arena *a, const char *langs, struct err *e)
{
	struct str name = str_trim(str_from(r->name ? r->name : ""));
	if (name.len == 0)
		return err_set(e, ERR_INVALID, "name", "Please tell us your name.");
	if (field_check(registration_fields, r, e) < 0)
		return ERR_INVALID;
	r->name = arena_strndup(a, name.p, name.len);
	const char *email = r->email ? r->email : "";
	const char *phone = r->phone ? r->phone : "";
	if (!*email && !*phone)
		return err_set(e, ERR_INVALID, "email", "Give an e-mail address or a phone number so we can reach you.");
	if (*email) {
		char norm[256];
		if (account_check_email(email, norm, sizeof(norm), e) < 0)
			return ERR_INVALID;
		r->email = arena_strdup(a, norm);
	} else {
		r->email = "";
	}
	if (*phone) {
		char digits[32];
		size_t n = 0;
		for (const char *p = phone; *p; p++) {
			if (*p >= '0' && *p <= '9') {
				if (n + 1 >= sizeof(digits))
					return err_set(e, ERR_INVALID, "phone", "That phone number is too long.");
				digits[n++] = *p;
			} else if (!strchr(" ()-.+", *p)) {
				return err_set(e, ERR_INVALID, "phone", "A phone number holds digits, spaces, dashes, dots and parentheses only.");
			}
		}
		digits[n] = '\0';
		if (n < 7 || n > 15)
			return err_set(e, ERR_INVALID, "phone", "Enter the phone number with its area code.");
		r->phone = n == 10 ? arena_printf(a, "1%s", digits) : arena_strdup(a, digits);
	} else {
		r->phone = "";
	}
	if (!lang_list_has(langs, r->language))
		return err_set(e, ERR_INVALID, "language", "Choose the language you would like us to use.");
	const char *interp = r->need_interpretation ? r->need_interpretation : "";
	if (*interp && (strlen(interp) != 2 || interp[0] < 'a' || interp[0] > 'z' || interp[1] < 'a' || interp[1] > 'z'))
		return err_set(e, ERR_INVALID, "need_interpretation", "Choose a language for interpretation.");
	r->need_interpretation = interp;
	r->need_other = r->need_other ? r->need_other : "";
	r->person_key = *r->email ? arena_printf(a, "e:%s", r->email) : arena_printf(a, "p:%s", r->phone);
	return 0;
}

const char *registration_seat(int64_t capacity, int64_t reserved, int64_t confirmed_open,
                              int64_t confirmed_invited, bool invited)
{
	int64_t taken = confirmed_open + confirmed_invited;
	if (taken >= capacity)
		return "waitlisted";
	if (invited)
		return "confirmed";
	/* Seats reserved for invited people and not yet theirs stay free. */
	int64_t held = reserved > confirmed_invited ? reserved - confirmed_invited : 0;
	return taken + held < capacity ? "confirmed" : "waitlisted";
}

int registration_again(const struct registration *old, struct registration *reg, struct err *e)
{
	if (strcmp(old->status, "cancelled") != 0)
		return err_set(e, ERR_CONFLICT, "email",
		               "You are already registered for this session. Use the link in your confirmation message to change your registration.");
	reg->id = old->id;
	reg->created_at = old->created_at;
	return 0;
}

bool registration_frees_seat(const struct registration *r)
{
	return strcmp(r->status, "confirmed") == 0;
}

#define TOKEN_MAC 16  /* bytes of the HMAC kept: 128 bits */

void registration_token(const unsigned char secret[32], int64_t id, char *out)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char msg[32];
	int n = snprintf(msg, sizeof(msg), "reg:%lld", (long long)id);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, (unsigned long long)n, secret);
	char b64[32];
	sodium_bin2base64(b64, sizeof(b64), mac, TOKEN_MAC, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(out, REGISTRATION_TOKEN_MAX, "%lld-%s", (long long)id, b64);
}

int registration_token_check(const unsigned char secret[32], const char *token, int64_t *id)
{
	const char *dash = token ? strchr(token, '-') : NULL;
	int64_t v;
	if (!dash || dash == token || dash - token > 19 ||
	    str_to_i64((struct str){token, (size_t)(dash - token)}, 1, INT64_MAX, &v) < 0)
		return -1;
	char want[REGISTRATION_TOKEN_MAX];
	registration_token(secret, v, want);
	if (!account_secret_equal(want, token))
		return -1;
	*id = v;
	return 0;
}

static const char *const kind_names[MSG_NKINDS] = {
	[MSG_CONFIRMATION] = "confirmation", [MSG_WAITLIST] = "waitlist",   [MSG_DAY_BEFORE] = "day_before",
	[MSG_DAY_OF] = "day_of",             [MSG_THANK_YOU] = "thank_you", [MSG_UPDATE] = "update",
	[MSG_CANCELLED] = "cancelled",       [MSG_INVITATION] = "invitation", [MSG_ANSWER] = "answer",
	[MSG_RESULTS] = "results",
};

const char *message_kind_name(enum message_kind k)
{
	return k < MSG_NKINDS ? kind_names[k] : "";
}

int message_kind_parse(const char *s)
{
	for (int k = 0; k < MSG_NKINDS; k++)
		if (s && strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

int64_t message_due_at(enum message_kind k, int64_t starts_at, int64_t ends_at)
{
	switch (k) {
	case MSG_DAY_BEFORE: return starts_at - 24 * 3600;
	case MSG_DAY_OF: return starts_at - 3 * 3600;
	case MSG_THANK_YOU: return ends_at + 2 * 3600;
	default: return 0;
	}
}

enum message_decision message_decide(enum message_kind k, const struct registration *r, int64_t starts_at,
                                     int64_t ends_at, int64_t now, const char **why)
{
	int64_t due = message_due_at(k, starts_at, ends_at);
	*why = "";
	if (now < due)
		return MSG_WAIT;
	if (strcmp(r->status, "confirmed") != 0) {
		*why = strcmp(r->status, "cancelled") == 0 ? "the registration was cancelled" : "the person is on the waitlist";
		return MSG_SKIP;
	}
	if (k == MSG_THANK_YOU) {
		if (r->created_at >= ends_at) {
			*why = "registered after the session ended";
			return MSG_SKIP;
		}
		if (now > ends_at + 14 * 24 * 3600) {
			*why = "more than two weeks after the session";
			return MSG_SKIP;
		}
		return MSG_SEND;
	}
	if (r->created_at >= due) {
		*why = "registered after this reminder was due";
		return MSG_SKIP;
	}
	if (now >= starts_at) {
		*why = "the session had already started";
		return MSG_SKIP;
	}
	return MSG_SEND;
}

int64_t message_retry_delay(int attempts)
{
	static const int64_t minutes[] = {1, 5, 15, 60, 180};
	int i = attempts < 1 ? 0 : attempts - 1;
	if (i >= (int)(sizeof(minutes) / sizeof(minutes[0])))
		i = (int)(sizeof(minutes) / sizeof(minutes[0])) - 1;
	return minutes[i] * 60;
}
