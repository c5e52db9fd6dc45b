/* A small XML writer for Open311's answers: a declaration, elements and
 * escaped text, into a buffer that grows up to XML_MAX bytes. Open311's
 * XML is schemaless, without attributes or namespaces, so nothing more is
 * needed; reading XML is never needed (requests come form-encoded). */
#ifndef HONGWU_OPEN311_XML_H
#define HONGWU_OPEN311_XML_H

#include <stdbool.h>
#include <stddef.h>

enum { XML_MAX = 32 * 1024 * 1024 };

struct xml {
    char *data; /* NUL-terminated; owned: xml_free */
    size_t len, cap;
    bool failed; /* out of memory or past XML_MAX: the document is unusable */
};

/* Starts a document with <?xml version="1.0" encoding="UTF-8"?>. */
void xml_begin(struct xml *x);
void xml_free(struct xml *x);

/* Element names are the caller's literals (letters and '_'), never data. */
void xml_open(struct xml *x, const char *name);
void xml_close(struct xml *x, const char *name);
void xml_empty(struct xml *x, const char *name); /* <name/> */
/* UTF-8 text, escaped; characters XML 1.0 does not allow (C0 controls but
 * tab, LF and CR; U+FFFE, U+FFFF) are left out. */
void xml_text(struct xml *x, const char *text);

#endif
