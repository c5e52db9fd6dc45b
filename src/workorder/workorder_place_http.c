/* The label of a place a report may name, for the report page the public
 * 户情图's QR code opens (/report?place_id=): a resident, who reads no
 * places, sees which building they are reporting about. */
#include "base/err.h"
#include "http/response.h"
#include "place/place.h"
#include "workorder/workorder_http.h"

/* GET /api/v1/wo-places/{id}: a building or compound of the caller's
 * sub-district (the record kind wo_place), its id, kind and label only. */
int workorder_http_place(struct request *req)
{
    char kind[PLACE_KIND_SIZE], label[PLACE_LABEL_MAX];
    int64_t district;
    int rc = place_kind_district(req->db, req->params[0], kind, &district);
    if (rc == HW_OK)
        rc = place_label(req->db, req->params[0], label, sizeof label);
    if (rc != HW_OK)
        return rc;
    return respond_json(req, 200,
                        json_pack("{s:I, s:s, s:s}", "id", (json_int_t)req->params[0], "kind", kind,
                                  "label", label));
}
