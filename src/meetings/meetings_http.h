/* Deliberation's HTTP handlers (docs/api-meetings.md). */
#ifndef HONGWU_MEETINGS_MEETINGS_HTTP_H
#define HONGWU_MEETINGS_MEETINGS_HTTP_H

#include "http/request.h"

/* meeting_http.c: halls, meetings, decisions */
int meetings_http_halls(struct request *req);
int meetings_http_create_hall(struct request *req);
int meetings_http_list(struct request *req);
int meetings_http_create(struct request *req);
int meetings_http_get(struct request *req);
int meetings_http_decisions(struct request *req);

/* meeting_act_http.c: what is done to a meeting */
int meetings_http_add_agenda(struct request *req);
int meetings_http_add_party(struct request *req);
int meetings_http_attendance(struct request *req);
int meetings_http_minutes(struct request *req);
int meetings_http_cancel(struct request *req);
int meetings_http_decide(struct request *req);
int meetings_http_add_task(struct request *req);
int meetings_http_task_done(struct request *req);

/* topic_http.c */
int meetings_http_topics(struct request *req);
int meetings_http_open_topic(struct request *req);
int meetings_http_topic(struct request *req);
int meetings_http_comments(struct request *req);
int meetings_http_comment(struct request *req);

#endif
