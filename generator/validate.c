/* validate.c: runs tidy-html5 over a rendered page and turns its messages
 * into our diagnostics. Warnings that only concern tidy's own pretty
 * printing (none for valid HTML5) are reported as warnings. */
#include "validate.h"
#include "diag.h"
#include "util.h"

#include <tidy.h>
#include <tidybuffio.h>
#include <stdlib.h>
#include <string.h>

typedef struct vctx {
	const char *out, *tmpl, *src;
	int errors;
} vctx;

static Bool TIDY_CALL on_message(TidyMessage m)
{
	TidyDoc doc = tidyGetMessageDoc(m);
	vctx *c = tidyGetAppData(doc);
	TidyReportLevel lvl = tidyGetMessageLevel(m);
	if (lvl != TidyWarning && lvl != TidyError && lvl != TidyBadDocument && lvl != TidyFatal)
		return no;
	int err = lvl != TidyWarning;
	/* tidy's text starts "line L column C - Warning: "; keep the message */
	const char *msg = tidyGetMessageOutput(m);
	const char *k = strstr(msg, " - ");
	if (k) {
		msg = k + 3;
		const char *colon = strstr(msg, ": ");
		if (colon && colon - msg < 12)
			msg = colon + 2;
	}
	c->errors += err;
	diag(err ? DIAG_ERROR : DIAG_WARNING,
	     pos_at(c->out, tidyGetMessageLine(m), tidyGetMessageColumn(m)),
	     "HTML: %s (template '%s'%s%s)", msg, c->tmpl,
	     c->src ? ", from " : "", c->src ? c->src : "");
	return no;
}

int validate_html(const char *out_path, const char *html, size_t len, const char *tmpl,
		  const char *src)
{
	vctx c = {out_path, tmpl, src, 0};
	TidyDoc doc = tidyCreate();
	TidyBuffer errbuf;
	tidyBufInit(&errbuf);
	tidySetAppData(doc, &c);
	tidySetErrorBuffer(doc, &errbuf);
	tidySetMessageCallback(doc, on_message);
	tidyOptSetBool(doc, TidyQuiet, yes);
	tidyOptSetBool(doc, TidyShowWarnings, yes);
	tidyOptSetValue(doc, TidyCharEncoding, "utf8");
	/* HTML5 custom-ish attributes we use are standard; drop-empty-elements
	 * is a formatting choice, not an error */
	tidyOptSetBool(doc, TidyDropEmptyElems, no);
	tidyOptSetBool(doc, TidyDropEmptyParas, no);
	char *copy = xstrndup(html, len);
	tidyParseString(doc, copy);
	free(copy);
	tidyBufFree(&errbuf);
	tidyRelease(doc);
	return c.errors;
}
