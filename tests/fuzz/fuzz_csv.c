/* libFuzzer harness for the CSV reader (src/transfer/csv_reader.c and
 * text_decode.c): any bytes, fed in pieces whose size the first byte picks,
 * must never crash, leak or break the reader's promises (rows in line order,
 * fields NUL-terminated within their limits). Not part of `make test`:
 *
 *   tests/fuzz/build.sh && build-fuzz/fuzz_csv -max_total_time=60 build-fuzz/corpus
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/err.h"
#include "transfer/csv_reader.h"

struct state {
    int64_t last_line;
};

static int check_row(const struct csv_row *row, void *ctx)
{
    struct state *s = ctx;
    assert(row->line > s->last_line);
    s->last_line = row->line;
    assert(row->nfields >= 1 && row->nfields <= CSV_MAX_FIELDS);
    for (size_t i = 0; i < row->nfields; i++)
        assert(strlen(row->fields[i]) <= CSV_MAX_FIELD);
    return HW_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t piece = data[0] % 17 + 1;
    data++;
    size--;
    struct state s = {0};
    struct csv_reader *r;
    if (csv_reader_new(check_row, &s, &r) != HW_OK)
        return 0;
    int rc = HW_OK;
    for (size_t at = 0; rc == HW_OK && at < size; at += piece)
        rc = csv_reader_feed(r, data + at, size - at < piece ? size - at : piece);
    if (rc == HW_OK)
        rc = csv_reader_finish(r);
    if (rc == HW_EINVAL) {
        int64_t line;
        const char *zh, *en;
        csv_reader_error(r, &line, &zh, &en);
        assert(line >= 1 && zh[0] && en[0]);
    }
    csv_reader_free(r);
    return 0;
}
