/* The .xlsx side of an import: the workbook is held whole (a ZIP is read
 * from its directory at the end), then its sheet's rows go through the
 * same row handling as a CSV file's (import_row). */
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "transfer/import_job.h"
#include "transfer/xlsx_reader.h"

bool import_is_xlsx(const void *data, size_t len)
{
    return len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

static void reject_file(struct import_job *job, int64_t line, const char *zh, const char *en)
{
    job->line = line > 0 ? line : 1;
    import_reject(job, -1, zh, en);
    job->stopped = true;
}

int import_xlsx_feed(struct import_job *job, const void *data, size_t len)
{
    if (len > XLSX_MAX_FILE - job->xlsx_len) {
        reject_file(job, 1, "Excel 工作簿超过 64 MiB，请拆分后导入，或另存为 CSV",
                    "the Excel workbook is larger than 64 MiB; split it, or save it as CSV");
        free(job->xlsx);
        job->xlsx = NULL;
        job->xlsx_len = 0;
        return HW_OK;
    }
    if (job->xlsx_len + len > job->xlsx_cap) {
        size_t cap = job->xlsx_cap ? job->xlsx_cap : 256 * 1024;
        while (cap < job->xlsx_len + len)
            cap *= 2;
        char *more = realloc(job->xlsx, cap);
        if (!more)
            return HW_ENOMEM;
        job->xlsx = more;
        job->xlsx_cap = cap;
    }
    memcpy(job->xlsx + job->xlsx_len, data, len);
    job->xlsx_len += len;
    return HW_OK;
}

static int on_sheet_row(const struct csv_row *row, const bool *numeric, void *ctx)
{
    struct import_job *job = ctx;
    job->numeric = numeric;
    int rc = import_row(row, job);
    job->numeric = NULL;
    return rc;
}

int import_xlsx_finish(struct import_job *job)
{
    struct xlsx_error *err = malloc(sizeof *err);
    if (!err)
        return HW_ENOMEM;
    int rc = xlsx_read(job->xlsx, job->xlsx_len, job->opt.sheet, on_sheet_row, job, err);
    if (rc == HW_EINVAL && err->set) {
        const char *zh = arena_strdup(job->arena, err->zh), *en = arena_strdup(job->arena, err->en);
        reject_file(job, err->line, zh, en);
        rc = HW_OK;
    }
    free(err);
    return rc;
}

void import_xlsx_check_numbers(struct import_job *job, const struct csv_row *row)
{
    int f = job->field_of[COL_ID_NUMBER];
    if (f < 0 || (size_t)f >= row->nfields || !job->numeric[f] || !import_has(job, COL_ID_NUMBER))
        return;
    const char *shown = job->cell[COL_ID_NUMBER];
    import_reject(job, COL_ID_NUMBER,
                  arena_printf(job->arena,
                               "Excel 把身份证号存成了数字（%s），末几位已丢失；"
                               "请把该列设为“文本”后重新输入",
                               shown),
                  arena_printf(job->arena,
                               "Excel stored the ID number as a number (%s) and its last digits "
                               "are lost; format the column as Text and type the numbers again",
                               shown));
}
