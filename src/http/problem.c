#include "http/problem.h"

#include <string.h>

#include "base/err.h"
#include "http/response.h"

static const struct {
    const char *slug;
    unsigned status;
    const char *zh, *en;
} problems[] = {
    [PROBLEM_NOT_FOUND] = {"not-found", 404, "未找到", "Not found"},
    [PROBLEM_METHOD_NOT_ALLOWED] = {"method-not-allowed", 405, "不支持该请求方法",
                                    "Method not allowed"},
    [PROBLEM_MALFORMED_JSON] = {"malformed-json", 400, "请求体不是有效的 JSON 对象",
                                "The body is not a valid JSON object"},
    [PROBLEM_VALIDATION] = {"validation-failed", 422, "输入有误，请检查标出的字段",
                            "Some fields are invalid"},
    [PROBLEM_TOO_LARGE] = {"payload-too-large", 413, "请求体过大", "Payload too large"},
    [PROBLEM_UNAUTHENTICATED] = {"unauthenticated", 401, "请先登录", "Please sign in"},
    [PROBLEM_BAD_CREDENTIALS] = {"bad-credentials", 401, "账号或密码错误",
                                 "Wrong login or password"},
    [PROBLEM_CSRF] = {"csrf-failed", 403, "安全校验失败，请刷新页面后重试",
                      "CSRF check failed; reload the page and try again"},
    [PROBLEM_FORBIDDEN] = {"forbidden", 403, "无权进行此操作",
                           "You are not allowed to do this"},
    [PROBLEM_TOO_MANY_ATTEMPTS] = {"too-many-attempts", 429, "尝试次数过多，请稍后再试",
                                   "Too many attempts; try again later"},
    [PROBLEM_CONFLICT] = {"conflict", 409, "与已有记录冲突", "Conflicts with an existing record"},
    [PROBLEM_PRECONDITION] = {"precondition-failed", 412, "记录已被他人修改，请刷新后重试",
                              "The record was changed by someone else; reload it"},
    [PROBLEM_PRECONDITION_REQUIRED] = {"precondition-required", 428,
                                       "请带上 If-Match（记录的 ETag）后重试",
                                       "Send If-Match with the record's ETag"},
    [PROBLEM_UNAVAILABLE] = {"unavailable", 503, "服务繁忙，请稍后再试",
                             "Service busy; try again shortly"},
    [PROBLEM_INTERNAL] = {"internal", 500, "服务器内部错误", "Internal server error"},
    [PROBLEM_BAD_REQUEST] = {"bad-request", 400, "请求格式不符合 HTTP 规范",
                             "The request does not follow HTTP"},
    [PROBLEM_NOT_IMPLEMENTED] = {"not-implemented", 501, "不支持该传输编码",
                                 "This transfer coding is not supported"},
    [PROBLEM_UNSUPPORTED_MEDIA_TYPE] = {"unsupported-media-type", 415,
                                        "请求体须为 JSON（Content-Type: application/json）",
                                        "The body must be JSON (Content-Type: application/json)"},
    [PROBLEM_TOO_MANY_REQUESTS] = {"too-many-requests", 429, "同时发出的请求过多，请稍后再试",
                                   "Too many requests at once; try again shortly"},
};

static const struct {
    const char *code, *zh, *en;
} field_errors[] = {
    [FIELD_REQUIRED] = {"required", "必填", "is required"},
    [FIELD_UNKNOWN] = {"unknown-field", "不认识的字段", "is not a known field"},
    [FIELD_WRONG_TYPE] = {"wrong-type", "类型不对", "has the wrong type"},
    [FIELD_INVALID] = {"invalid", "取值无效", "is not valid"},
    [FIELD_TOO_LONG] = {"too-long", "过长", "is too long"},
};

/* Field errors live in a jansson array hung on the request. */
static json_t *field_list(struct request *req)
{
    if (!req->json_errors)
        req->json_errors = req_keep(req, json_array());
    return req->json_errors;
}

void problem_field_msg(struct request *req, const char *field, enum field_error code,
                       const char *zh, const char *en)
{
    json_t *list = field_list(req);
    if (!list)
        return;
    if (json_array_size(list) >= FIELD_ERRORS_MAX) {
        req->json_errors_omitted++;
        return;
    }
    json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "field", field, "code",
                                          field_errors[code].code, "message",
                                          req->lang == LANG_EN ? en : zh));
}

void problem_field(struct request *req, const char *field, enum field_error code)
{
    problem_field_msg(req, field, code, field_errors[code].zh, field_errors[code].en);
}

int problem_field_invalid(struct request *req, const char *field,
                          const struct field_message *table, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(table[i].field, field) == 0) {
            problem_field_msg(req, field, FIELD_INVALID, table[i].zh, table[i].en);
            return HW_EINVAL;
        }
    }
    problem_field(req, field, FIELD_INVALID);
    return HW_EINVAL;
}

int problem_send(struct request *req, enum problem p, const char *detail)
{
    return problem_send_members(req, p, detail, NULL);
}

int problem_send_members(struct request *req, enum problem p, const char *detail,
                         json_t *members)
{
    json_t *body = json_pack("{s:s+, s:s, s:i}", "type", "urn:hongwu:problem:",
                             problems[p].slug, "title",
                             req->lang == LANG_EN ? problems[p].en : problems[p].zh, "status",
                             (int)problems[p].status);
    if (!body) {
        json_decref(members);
        return HW_ENOMEM;
    }
    /* The standard members win over an extension of the same name. */
    if (members)
        json_object_update_missing(body, members);
    json_decref(members);
    if (detail)
        json_object_set_new(body, "detail", json_string(detail));
    if (req->json_errors && json_array_size(req->json_errors) > 0)
        json_object_set(body, "errors", req->json_errors);
    if (req->json_errors_omitted > 0)
        json_object_set_new(body, "errors_omitted",
                            json_integer((json_int_t)req->json_errors_omitted));
    return respond_json_type(req, problems[p].status, body, "application/problem+json");
}

int problem_from_error(struct request *req, int err)
{
    switch (err) {
    case HW_EINVAL: return problem_send(req, PROBLEM_VALIDATION, NULL);
    case HW_ENOTFOUND: return problem_send(req, PROBLEM_NOT_FOUND, NULL);
    case HW_ECONFLICT: return problem_send(req, PROBLEM_CONFLICT, NULL);
    case HW_EAUTH: return problem_send(req, PROBLEM_UNAUTHENTICATED, NULL);
    case HW_EFORBIDDEN: return problem_send(req, PROBLEM_FORBIDDEN, NULL);
    case HW_EBUSY:
    case HW_ELIMIT:
        respond_header(req, "Retry-After", "2");
        return problem_send(req, PROBLEM_UNAVAILABLE, NULL);
    default: return problem_send(req, PROBLEM_INTERNAL, NULL);
    }
}
