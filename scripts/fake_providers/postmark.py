"""Postmark: GET /stats/outbound?fromdate=&todate= (PROVIDERS.md §9d), header
X-Postmark-Server-Token; the keys of Postmark's docs. The window must run
from the 1st of a month (the collector reads the month)."""
import re

PROVIDER = "postmark"
TOKEN = "fake-postmark-token"
UNAUTHORIZED = (401, {}, {"ErrorCode": 10, "Message": "Request does not contain a valid Server token."})
DEFAULT = {"Sent": 615, "Bounced": 64, "SMTPApiErrors": 25, "BounceRate": 10.406, "SpamComplaints": 10,
           "SpamComplaintsRate": 1.626, "Opens": 166, "UniqueOpens": 26, "Tracked": 111, "WithLinkTracking": 90,
           "WithOpenTracking": 51, "TotalTrackedLinksSent": 60, "UniqueLinksClicked": 30, "TotalClicks": 72}
state = {"body": DEFAULT}


def authorized(req):
    return req.headers.get("x-postmark-server-token") == TOKEN


def set_state(f):
    state["body"] = f.get("body", DEFAULT)


def outbound(req, m):
    day = r"\d{4}-\d{2}-\d{2}"
    frm, to = req.arg("fromdate", ""), req.arg("todate", "")
    if not re.fullmatch(day, frm) or not re.fullmatch(day, to) or not frm.endswith("-01"):
        return 422, {}, {"ErrorCode": 1101, "Message": "fromdate must be the first of the month (test expectation)"}
    return 200, {}, state["body"]


ROUTES = [("GET", r"/stats/outbound", outbound)]
