/* handlers: one function per route (see routes.c).  Thin: they read the
 * request, call domain/ and store/, and answer. */
#ifndef CG_HANDLERS_H
#define CG_HANDLERS_H
#include "web/http.h"

/* h_public.c */
void h_healthz(struct req *r, struct resp *w);
void h_root(struct req *r, struct resp *w);
void h_static(struct req *r, struct resp *w);
void h_lang(struct req *r, struct resp *w);
void h_hub_redirect(struct req *r, struct resp *w);
void h_hub(struct req *r, struct resp *w);

/* h_register.c */
void h_session_public(struct req *r, struct resp *w);
void h_register(struct req *r, struct resp *w);
void h_registration(struct req *r, struct resp *w);
void h_registration_save(struct req *r, struct resp *w);

/* h_auth.c */
void h_signin_form(struct req *r, struct resp *w);
void h_signin(struct req *r, struct resp *w);
void h_signout(struct req *r, struct resp *w);

/* h_admin.c */
void h_dashboard(struct req *r, struct resp *w);
void h_settings(struct req *r, struct resp *w);
void h_settings_save(struct req *r, struct resp *w);
void h_users(struct req *r, struct resp *w);
void h_user_add(struct req *r, struct resp *w);
void h_user(struct req *r, struct resp *w);
void h_user_save(struct req *r, struct resp *w);
void h_audit(struct req *r, struct resp *w);
void h_area(struct req *r, struct resp *w);

/* h_plan.c */
void h_plan(struct req *r, struct resp *w);
void h_initiative_add(struct req *r, struct resp *w);
void h_initiative(struct req *r, struct resp *w);
void h_initiative_save(struct req *r, struct resp *w);

/* h_conversations.c */
void h_groups(struct req *r, struct resp *w);
void h_group_add(struct req *r, struct resp *w);
void h_conversation_add(struct req *r, struct resp *w);
void h_conversation(struct req *r, struct resp *w);
void h_conversation_save(struct req *r, struct resp *w);
void h_session_add(struct req *r, struct resp *w);
void h_session_admin(struct req *r, struct resp *w);
void h_session_save(struct req *r, struct resp *w);
void h_outbox(struct req *r, struct resp *w);
void h_message(struct req *r, struct resp *w);

/* h_api.c */
void api_district(struct req *r, struct resp *w);
void api_initiatives(struct req *r, struct resp *w);
void api_initiative_add(struct req *r, struct resp *w);
void api_initiative(struct req *r, struct resp *w);
void api_initiative_update(struct req *r, struct resp *w);
void api_users(struct req *r, struct resp *w);


#endif
