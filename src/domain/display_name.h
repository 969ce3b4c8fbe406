/* display_name: the person behind the name a meeting program shows.
 *
 * Zoom and Teams let people decorate the name others see, and a transcript's
 * speakers come with the decorations: pronouns ("Ana Ruiz (she/her)"), a
 * role ("Intérprete - Luis", "Dana Whitfield (Host)"), an organisation
 * ("Dr. Kim (RUSD)"), the device ("iPhone de María", "Tom's iPad"), a
 * number for the second window ("Ana Ruiz (2)").  A set of names built from
 * them would take "she", "her", "Host" or "iPhone" for somebody's name and
 * redact those words wherever they stand.  Rules only: no I/O, no SQL.
 * The rules and their limits are in docs/internals/redaction.md, "Names
 * from a meeting program". */
#ifndef CG_DISPLAY_NAME_H
#define CG_DISPLAY_NAME_H
#include "core/arena.h"

/* The name in raw without its decorations, spaces collapsed, as a string of
 * a (raw is not changed or kept).  Removed:
 *  1. a bracketed part ("(…)", "[…]", "{…}") made only of pronouns, roles
 *     (Host, Co-host, Interpreter, Intérprete, Guest, …), languages, one
 *     organisation code in capitals (RUSD, LFCC) or numbers;
 *  2. a part set off by " - ", "|", ":", "," or ";" made of the same;
 *  3. a pronoun set anywhere ("she/her", "él/ella"), and two or more
 *     pronouns at the end ("Ana Ruiz she her");
 *  4. a device: "iPhone de María", "Galaxy S21 de Luis", "Tom's iPad", or
 *     a name that is only a device ("iPad (2)");
 *  5. titles at the start (Dr., Mr., Ms., Sra., Prof., …), and a role
 *     with its language at the start or end ("Interpreter Luis",
 *     "Spanish Interpreter Luis", "Luis Intérprete");
 *  6. words without a letter (a phone number, "(2)"); an e-mail address
 *     becomes its local part's words ("ana.ruiz@x.org" is "ana ruiz").
 * A part in brackets that holds anything else stays as written ("Ana
 * (Annie) Ruiz").  "" when no name is left ("iPhone", "Host", "she/her",
 * a phone number); when only an organisation code or a lone pronoun
 * would be left it is kept ("ANA", "RUSD", "Ella"), since a name written in
 * capitals looks like a code and some people are called Ella.
 * raw NULL reads as "". */
const char *display_name_clean(struct arena *a, const char *raw);

#endif
