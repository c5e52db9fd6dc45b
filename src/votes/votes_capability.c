/* Owners' votes: calling a vote, its electorate frozen and published,
 * objections, ballots online, on paper and by proxy, receipts, the count at
 * the deadline, the preliminary and the final result, the ballot chain. */
#include "votes/votes_capability.h"

#include "kit/jobs_core.h"
#include "votes/ballot_chain.h"
#include "votes/lifecycle.h"
#include "votes/reach.h"
#include "votes/votes_http.h"
#include "workorder/photo.h"

extern const struct migration votes_migrations[];

static const struct field_message messages[] = {
    {"place_id", "须为您管辖范围内、属于小区的小区或楼栋",
     "a compound, or a building of a compound, within your scope"},
    {"title", "须填写标题（1–200 字节，一行）", "a title of 1-200 bytes on one line"},
    {"description", "至多 4000 字节", "at most 4000 bytes"},
    {"matter",
     "须为《民法典》第二百七十八条所列事项之一：rules_of_procedure、management_covenant、"
     "committee_election、property_manager、use_maintenance_fund、raise_maintenance_fund、"
     "rebuild、common_parts_use 或 other",
     "one of the matters of Civil Code art. 278: rules_of_procedure, management_covenant, "
     "committee_election, property_manager, use_maintenance_fund, raise_maintenance_fund, "
     "rebuild, common_parts_use or other"},
    {"opens_at", "投票开始时间须晚于现在（公布名册之后），如 2026-12-01T09:00:00+08:00",
     "a time after now (after the roll is published), e.g. 2026-12-01T09:00:00+08:00"},
    {"closes_at", "截止时间须晚于开始时间，且投票期不超过 90 天",
     "after the opening, and at most 90 days of voting"},
    {"objection_days", "异议公示期须为 1–30 天", "1-30 days of objections"},
    {"status", "表决当前所处阶段不允许此操作", "the vote's stage does not allow this"},
    {"electorate",
     "名册不完整：有房屋未登记面积，或被标为开发商未售房屋却登记了业主，请先更正房屋登记",
     "the roll is incomplete: a dwelling has no area, or is marked as the developer's yet has "
     "owners; correct the register first"},
    {"reason", "须写明取消理由（1–4000 字节）", "a reason of 1-4000 bytes"},
    {"choice", "须为 yes（同意）、no（反对）或 abstain（弃权）", "yes, no or abstain"},
    {"dwelling_id", "须为本次表决名册上、登记有业主的房屋",
     "a dwelling on the vote's roll, with a registered owner"},
    {"owner",
     "只有业主可以在线投票：您的账号尚未关联到本户业主本人，或关联的是租户、家庭成员。"
     "请由业主本人投票，或由业主书面委托他人代为投票；账号关联请联系社区工作人员",
     "only an owner votes online: this account is not linked to an owner of this home (a tenant "
     "or family member votes through the owner, or as the owner's proxy on paper); community "
     "staff link accounts"},
    {"objector",
     "只有业主本人可以对名册或表决结果提出异议：您的账号尚未关联到本户业主本人，或关联的是租户、"
     "家庭成员。请由业主本人提出；账号关联请联系社区工作人员",
     "only an owner objects to the roll or the result: this account is not linked to an owner "
     "of this home (a tenant or family member asks the owner); community staff link accounts"},
    {"paper_number", "须填写纸质表决票编号（1–32 字节）", "the paper ballot's number, 1-32 bytes"},
    {"authorization_id", "代理投票须有该业主签署的授权委托书（先上传）",
     "a proxy votes only on this owner's signed authorization, uploaded first"},
    {"code", "回执码为 16 位字母数字，如 7K2M-QX9D-04TB-N8RC",
     "a receipt code of 16 letters and digits, e.g. 7K2M-QX9D-04TB-N8RC"},
    {"after", "须为上一页最后一行的回执哈希", "the receipt hash of the previous page's last line"},
    {"limit", "须为 1–1000", "1-1000"},
    {"body", "授权委托书须为 JPEG、PNG、WebP 图片或 PDF 文件",
     "the authorization must be a JPEG, PNG or WebP image or a PDF"},
    {"proxy_name", "须填写受托人姓名（1–64 字节）", "the proxy's name, 1-64 bytes"},
    {"text", "须填写异议内容（1–4000 字节）", "the objection, 1-4000 bytes"},
    {"decision", "须为 upheld（成立）或 dismissed（不成立）", "upheld or dismissed"},
    {"note", "须填写处理说明（1–4000 字节）", "a note of 1-4000 bytes"},
    {"objection_id", "须为本次表决待处理的异议", "a pending objection of this vote"},
    {"developer_unsold", "须为 true 或 false", "true or false"},
};

static const struct scope_record records[] = {
    /* places_sql names the vote's own place for `hongwu routes --records`;
     * the rule (votes/reach.h) also lets in those whose scope lies below it. */
    {.kind = "vote", .table = "votes", .places_sql = "SELECT place_id FROM votes WHERE id = $1",
     .visible = vote_reach},
    {.kind = "vote_dwelling", .table = "places",
     .places_sql = "SELECT id FROM places WHERE id = $1 AND kind = 'dwelling'"},
};

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
#define ON(...) CAPABILITY_ROUTE_ON(messages, __VA_ARGS__)
static const struct route routes[] = {
    R("GET", "/api/v1/votes", votes_http_list, PERM_VOTE_READ),
    R("POST", "/api/v1/votes", votes_http_create, PERM_VOTE_CALL),
    ON("vote", "GET", "/api/v1/votes/{id}", votes_http_get, PERM_VOTE_READ),
    ON("vote", "GET", "/api/v1/votes/{id}/electorate", votes_http_electorate, PERM_VOTE_READ),
    ON("vote", "POST", "/api/v1/votes/{id}/publish", votes_http_publish, PERM_VOTE_CALL),
    ON("vote", "POST", "/api/v1/votes/{id}/cancel", votes_http_cancel, PERM_VOTE_CALL),
    ON("vote", "POST", "/api/v1/votes/{id}/ballot", votes_http_cast, PERM_VOTE_CAST),
    ON("vote", "GET", "/api/v1/votes/{id}/voter", votes_http_voter, PERM_VOTE_CAST),
    ON("vote", "POST", "/api/v1/votes/{id}/ballots", votes_http_record, PERM_VOTE_RECORD),
    ON("vote", "GET", "/api/v1/votes/{id}/ballots", votes_http_ballots, PERM_VOTE_BALLOTS),
    ON("vote", "GET", "/api/v1/votes/{id}/lines", votes_http_lines, PERM_VOTE_READ),
    ON("vote", "POST", "/api/v1/votes/{id}/receipt", votes_http_receipt, PERM_VOTE_READ),
    {.method = "POST", .pattern = "/api/v1/votes/{id}/authorizations",
     .handler = votes_http_add_authorization, .perm = PERM_VOTE_RECORD, .record = "vote",
     .max_body = PHOTO_MAX_BYTES, .messages = messages,
     .nmessages = CAPABILITY_COUNT_OF(messages)},
    ON("vote", "GET", "/api/v1/votes/{id}/authorizations", votes_http_authorizations,
       PERM_VOTE_BALLOTS),
    ON("vote", "GET", "/api/v1/votes/{id}/authorization-file", votes_http_authorization_file,
       PERM_VOTE_BALLOTS),
    ON("vote", "POST", "/api/v1/votes/{id}/objections", votes_http_object, PERM_VOTE_CAST),
    ON("vote", "GET", "/api/v1/votes/{id}/objections", votes_http_objections, PERM_VOTE_READ),
    ON("vote", "POST", "/api/v1/votes/{id}/objections/resolve", votes_http_resolve,
       PERM_VOTE_CALL),
    ON("vote_dwelling", "GET", "/api/v1/vote-dwellings/{id}", votes_http_developer,
       PERM_VOTE_CALL),
    ON("vote_dwelling", "POST", "/api/v1/vote-dwellings/{id}/developer",
       votes_http_mark_developer, PERM_PLACE_WRITE),
};

static const struct job_kind jobs[] = {
    {.name = VOTES_OPEN_JOB, .run = votes_open_job_run},
    {.name = VOTES_CLOSE_JOB, .run = votes_close_job_run},
    {.name = VOTES_FINAL_JOB, .run = votes_final_job_run},
};

static const struct chain_def *const chains[] = {&vote_ballot_chain};

const struct capability votes_capability = {
    .name = "votes",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .migrations = votes_migrations,
    .records = records,
    .nrecords = CAPABILITY_COUNT_OF(records),
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
    .jobs = jobs,
    .njobs = CAPABILITY_COUNT_OF(jobs),
    .chains = chains,
    .nchains = CAPABILITY_COUNT_OF(chains),
    .demo = votes_demo,
};
