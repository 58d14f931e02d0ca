/* messages.h: the one table of message translations. Every diagnostic
 * and hint is written in English in the code (its format string is its
 * id); diag() looks the format up here and, when messages are Japanese,
 * prints the Japanese format with the same arguments. A format that is
 * not in the table is printed in English. How to add one: docs/design.md,
 * "Messages". */
#ifndef SHIRUBE_MESSAGES_H
#define SHIRUBE_MESSAGES_H

#include <stddef.h>

/* The message language: Japanese when the site's lang is "ja" and the
 * locale (LC_ALL, else LC_MESSAGES, else LANG) is not C or POSIX;
 * English otherwise. */
void msg_set_lang(const char *site_lang);
int msg_japanese(void);
/* The format to print for the English format fmt (fmt itself when there
 * is no translation or messages are English). */
const char *msg_tr(const char *fmt);

/* The table, for tests: pairs {en, ja}, ending with {NULL, NULL}. */
typedef struct msg_pair {
	const char *en, *ja;
} msg_pair;
extern const msg_pair MSG_TABLE[];

#endif
