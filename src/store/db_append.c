/* db_append (db.h): rows of append-only logs kept until the transaction
 * commits, then written with one statement per distinct INSERT.
 *
 * "INSERT INTO t (cols) VALUES (e1($1), e2($2, $3), ...) [suffix]" becomes
 *   SQLite:     INSERT INTO t (cols) SELECT e1((value ->> 0)), ...
 *                 FROM json_each($1) [WHERE TRUE suffix]
 *               with $1 a JSON array of the rows, each an array of values;
 *   PostgreSQL: INSERT INTO t (cols) SELECT e1(a.c1), ...
 *                 FROM unnest($1::bigint[], $2::text[], ...) AS a (c1, c2, ...)
 *               with $k the array of every row's k-th value.
 * Either way the SQL is the same whatever the number of rows, so it is
 * prepared once per connection, and no parameter limit is reached. A single
 * row runs the statement as written. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/err.h"
#include "base/text_buffer.h"
#include "base/log.h"
#include "store/db_driver.h"

enum { APPEND_PARAMS_MAX = 32 };

/* One value: 'i' (also 'b', as 0/1) in i, 's' at offset s of the group's
 * strings, 'n' NULL. */
struct value {
    char type;
    int64_t i;
    size_t s;
};

struct group {
    struct group *next;
    char *sql;
    char types[APPEND_PARAMS_MAX + 1]; /* per parameter: i, b, s, or n while only NULLs */
    int k;
    size_t rows;
    struct value *values; /* rows * k */
    size_t cap;
    struct text_buffer strings; /* NUL-terminated strings, one after the other */
};

struct db_appended {
    struct group *head, *tail;
    size_t groups;
};

static void group_free(struct group *g)
{
    free(g->sql);
    free(g->values);
    free(g->strings.data);
    free(g);
}

void db_appended_clear(struct db *db)
{
    struct db_appended *a = db->appended;
    if (!a)
        return;
    for (struct group *g = a->head, *next; g; g = next) {
        next = g->next;
        group_free(g);
    }
    free(a);
    db->appended = NULL;
}

size_t db_appended_statements(const struct db *db)
{
    return db->appended ? db->appended->groups : 0;
}

static struct group *group_for(struct db *db, const char *sql, int k)
{
    struct db_appended *a = db->appended;
    if (!a && !(a = db->appended = calloc(1, sizeof *a)))
        return NULL;
    for (struct group *g = a->head; g; g = g->next)
        if (strcmp(g->sql, sql) == 0)
            return g->k == k ? g : NULL;
    struct group *g = calloc(1, sizeof *g);
    if (!g || !(g->sql = strdup(sql))) {
        free(g);
        return NULL;
    }
    g->k = k;
    memset(g->types, 'n', (size_t)k);
    if (a->tail)
        a->tail->next = g;
    else
        a->head = g;
    a->tail = g;
    a->groups++;
    return g;
}

int db_appended_add(struct db *db, const char *sql, const char *types, va_list ap)
{
    int k = (int)strlen(types);
    if (k < 1 || k > APPEND_PARAMS_MAX) {
        log_error("db_append: %d parameters: %s", k, sql);
        return HW_EINVAL;
    }
    struct group *g = group_for(db, sql, k);
    if (!g)
        return HW_ENOMEM;
    if ((g->rows + 1) * (size_t)k > g->cap) {
        size_t cap = g->cap ? g->cap * 2 : (size_t)k * 64;
        struct value *v = realloc(g->values, cap * sizeof *v);
        if (!v)
            return HW_ENOMEM;
        g->values = v;
        g->cap = cap;
    }
    struct value *row = g->values + g->rows * (size_t)k;
    for (int c = 0; c < k; c++) {
        struct value v = {.type = types[c]};
        switch (types[c]) {
        case 'i': v.i = va_arg(ap, int64_t); break;
        case 'b': v.i = va_arg(ap, int) != 0; break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) {
                v.type = 'n';
                break;
            }
            v.s = g->strings.len;
            text_buffer_add(&g->strings, s, strlen(s) + 1);
            if (g->strings.failed)
                return HW_ENOMEM;
            break;
        }
        case 'n': break;
        default: return HW_EINVAL;
        }
        /* A parameter keeps one type (PostgreSQL's arrays are typed). */
        if (v.type != 'n' && g->types[c] != 'n' && g->types[c] != v.type) {
            log_error("db_append: parameter $%d bound as %c and as %c: %s", c + 1, g->types[c],
                      v.type, sql);
            return HW_EINVAL;
        }
        if (v.type != 'n')
            g->types[c] = v.type;
        row[c] = v;
    }
    g->rows++;
    return HW_OK;
}

/* ---- the statement for many rows ---- */

/* Position of the "(" opening the VALUES list, or NULL. Quoted text skipped. */
static const char *values_paren(const char *sql)
{
    for (const char *p = sql; *p; p++) {
        if (*p == '\'' || *p == '"') {
            const char *q = strchr(p + 1, *p);
            if (!q)
                return NULL;
            p = q;
            continue;
        }
        if (strncasecmp(p, "VALUES", 6) == 0 && (p == sql || p[-1] == ' ' || p[-1] == ')')) {
            const char *q = p + 6;
            while (*q == ' ' || *q == '\n')
                q++;
            if (*q == '(')
                return q;
        }
    }
    return NULL;
}

/* The ")" closing the "(" at open, or NULL. */
static const char *closing_paren(const char *open)
{
    int depth = 0;
    for (const char *p = open; *p; p++) {
        if (*p == '\'' || *p == '"') {
            const char *q = strchr(p + 1, *p);
            if (!q)
                return NULL;
            p = q;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')' && --depth == 0) {
            return p;
        }
    }
    return NULL;
}

static const char *pg_type(char t)
{
    return t == 'i' ? "bigint" : t == 'b' ? "boolean" : "text";
}

/* The INSERT ... SELECT for g's rows on kind (see the top of the file). */
static int many_rows_sql(enum db_kind kind, const struct group *g, struct text_buffer *out)
{
    const char *open = values_paren(g->sql);
    const char *close = open ? closing_paren(open) : NULL;
    if (!close) {
        log_error("db_append: not an INSERT ... VALUES (...): %s", g->sql);
        return HW_EINVAL;
    }
    const char *values_kw = open;
    while (values_kw > g->sql && strncasecmp(values_kw, "VALUES", 6) != 0)
        values_kw--;
    text_buffer_add(out, g->sql, (size_t)(values_kw - g->sql));
    text_buffer_str(out, "SELECT ");
    for (const char *p = open + 1; p < close; p++) {
        if (*p == '\'' || *p == '"') {
            const char *q = strchr(p + 1, *p);
            text_buffer_add(out, p, (size_t)(q - p + 1));
            p = q;
            continue;
        }
        if (*p != '$' || p[1] < '0' || p[1] > '9') {
            text_buffer_add(out, p, 1);
            continue;
        }
        int n = 0;
        while (p[1] >= '0' && p[1] <= '9')
            n = n * 10 + (*++p - '0');
        if (n < 1 || n > g->k) {
            log_error("db_append: $%d beyond the %d values bound: %s", n, g->k, g->sql);
            return HW_EINVAL;
        }
        char ref[32];
        if (kind == DB_SQLITE)
            snprintf(ref, sizeof ref, "(value ->> %d)", n - 1);
        else
            snprintf(ref, sizeof ref, "a.c%d", n);
        text_buffer_str(out, ref);
    }
    if (kind == DB_SQLITE) {
        text_buffer_str(out, " FROM json_each($1)");
    } else {
        text_buffer_str(out, " FROM unnest(");
        for (int c = 0; c < g->k; c++) {
            char cast[48];
            snprintf(cast, sizeof cast, "%s$%d::%s[]", c ? ", " : "", c + 1, pg_type(g->types[c]));
            text_buffer_str(out, cast);
        }
        text_buffer_str(out, ") AS a (");
        for (int c = 0; c < g->k; c++) {
            char col[16];
            snprintf(col, sizeof col, "%sc%d", c ? ", " : "", c + 1);
            text_buffer_str(out, col);
        }
        text_buffer_str(out, ")");
    }
    const char *rest = close + 1;
    while (*rest == ' ' || *rest == '\n')
        rest++;
    if (*rest) {
        /* "SELECT ... FROM x ON CONFLICT" needs a WHERE to parse (SQLite's upsert). */
        text_buffer_str(out, " WHERE TRUE ");
        text_buffer_str(out, rest);
    }
    return out->failed ? HW_ENOMEM : HW_OK;
}

static void json_string_add(struct text_buffer *t, const char *s)
{
    text_buffer_add(t, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            char esc[2] = {'\\', (char)*p};
            text_buffer_add(t, esc, 2);
        } else if (*p < 0x20) {
            char esc[8];
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            text_buffer_add(t, esc, 6);
        } else {
            text_buffer_add(t, (const char *)p, 1);
        }
    }
    text_buffer_add(t, "\"", 1);
}

/* [[v, v, ...], [v, ...], ...] */
static void sqlite_rows_json(const struct group *g, struct text_buffer *t)
{
    text_buffer_add(t, "[", 1);
    for (size_t r = 0; r < g->rows; r++) {
        text_buffer_str(t, r ? ",[" : "[");
        for (int c = 0; c < g->k; c++) {
            const struct value *v = &g->values[r * (size_t)g->k + (size_t)c];
            if (c)
                text_buffer_add(t, ",", 1);
            if (v->type == 'n')
                text_buffer_str(t, "null");
            else if (v->type == 's')
                json_string_add(t, g->strings.data + v->s);
            else
                text_buffer_int(t, v->i);
        }
        text_buffer_add(t, "]", 1);
    }
    text_buffer_add(t, "]", 1);
}

/* {v,v,...}: PostgreSQL's array literal of column c. */
static void pg_array(const struct group *g, int c, struct text_buffer *t)
{
    text_buffer_add(t, "{", 1);
    for (size_t r = 0; r < g->rows; r++) {
        const struct value *v = &g->values[r * (size_t)g->k + (size_t)c];
        if (r)
            text_buffer_add(t, ",", 1);
        if (v->type == 'n') {
            text_buffer_str(t, "NULL");
        } else if (v->type == 's') {
            text_buffer_add(t, "\"", 1);
            for (const char *p = g->strings.data + v->s; *p; p++) {
                if (*p == '"' || *p == '\\')
                    text_buffer_add(t, "\\", 1);
                text_buffer_add(t, p, 1);
            }
            text_buffer_add(t, "\"", 1);
        } else if (v->type == 'b') {
            text_buffer_str(t, v->i ? "t" : "f");
        } else {
            text_buffer_int(t, v->i);
        }
    }
    text_buffer_add(t, "}", 1);
}

static int run_prepared(struct db_stmt *st)
{
    int rc;
    while ((rc = st->ops->step(st)) == DB_ROW)
        ;
    st->ops->reset(st);
    return rc == DB_DONE ? HW_OK : rc;
}

static int flush_one_row(struct db *db, const struct group *g)
{
    struct db_stmt *st;
    int rc = db->ops->prepare(db, g->sql, &st);
    for (int c = 0; rc == HW_OK && c < g->k; c++) {
        const struct value *v = &g->values[c];
        switch (v->type) {
        case 'i': rc = db->ops->bind_int(st, c + 1, v->i); break;
        case 'b': rc = db->ops->bind_bool(st, c + 1, v->i != 0); break;
        case 's': rc = db->ops->bind_text(st, c + 1, g->strings.data + v->s); break;
        default: rc = db->ops->bind_null(st, c + 1); break;
        }
        if (rc != HW_OK)
            st->ops->reset(st);
    }
    return rc == HW_OK ? run_prepared(st) : rc;
}

static int flush_many_rows(struct db *db, const struct group *g)
{
    enum db_kind kind = db->ops->kind;
    struct text_buffer sql = {0}, arg = {0};
    int rc = many_rows_sql(kind, g, &sql);
    struct db_stmt *st = NULL;
    if (rc == HW_OK)
        rc = db->ops->prepare(db, sql.data, &st);
    if (rc == HW_OK && kind == DB_SQLITE) {
        sqlite_rows_json(g, &arg);
        rc = arg.failed ? HW_ENOMEM : db->ops->bind_text(st, 1, arg.data);
    }
    for (int c = 0; rc == HW_OK && kind == DB_POSTGRES && c < g->k; c++) {
        arg.len = 0;
        pg_array(g, c, &arg);
        rc = arg.failed ? HW_ENOMEM : db->ops->bind_text(st, c + 1, arg.data);
    }
    if (rc == HW_OK)
        rc = run_prepared(st);
    else if (st)
        st->ops->reset(st);
    free(sql.data);
    free(arg.data);
    return rc;
}

int db_appended_flush(struct db *db)
{
    struct db_appended *a = db->appended;
    int rc = HW_OK;
    for (struct group *g = a ? a->head : NULL; g && rc == HW_OK; g = g->next)
        rc = g->rows == 1 ? flush_one_row(db, g) : flush_many_rows(db, g);
    db_appended_clear(db);
    return rc;
}
