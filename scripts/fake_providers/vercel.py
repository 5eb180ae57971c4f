"""Vercel: GET /v1/billing/charges?from=&to=[&teamId=] (PROVIDERS.md §1),
bearer token; FOCUS 1.3 rows as JSONL (`application/jsonl`), shaped as the
3rd-party fixture PROVIDERS.md quotes. State `lines: []` is a team with no
charges (Hobby may answer so)."""
import json

PROVIDER = "vercel"
TOKEN = "fake-vercel-token"
TEAM = "team_studyspot"
UNAUTHORIZED = (403, {}, {"error": {"code": "forbidden", "message": "Not authorized", "invalidToken": True}})
LINES = [
    {"BillingAccountId": TEAM, "ChargePeriodStart": "2026-11-20T08:00:00Z", "ChargePeriodEnd": "2026-11-21T08:00:00Z",
     "ServiceName": "Fast Data Transfer", "ServiceCategory": "Networking", "ConsumedQuantity": 1.25, "ConsumedUnit": "GB",
     "PricingQuantity": 1.25, "PricingUnit": "GB", "BilledCost": 0, "EffectiveCost": 0,
     "Tags": {"ProjectId": "prj_1", "ProjectName": "web"}},
    {"BillingAccountId": TEAM, "ChargePeriodStart": "2026-11-21T08:00:00Z", "ChargePeriodEnd": "2026-11-22T08:00:00Z",
     "ServiceName": "Fast Data Transfer", "ServiceCategory": "Networking", "ConsumedQuantity": 512, "ConsumedUnit": "MB",
     "BilledCost": 0, "EffectiveCost": 0, "Tags": {"ProjectId": "prj_2", "ProjectName": "admin"}},
    {"BillingAccountId": TEAM, "ChargePeriodStart": "2026-11-21T08:00:00Z", "ChargePeriodEnd": "2026-11-22T08:00:00Z",
     "ServiceName": "Functions", "SkuId": "function_invocations", "ConsumedQuantity": 10, "ConsumedUnit": "invocations",
     "BilledCost": 0, "EffectiveCost": 0},
    {"BillingAccountId": TEAM, "ChargePeriodStart": "2026-11-22T08:00:00Z", "ChargePeriodEnd": "2026-11-23T08:00:00Z",
     "ServiceName": "Fast Data Transfer", "ServiceCategory": "Networking", "ConsumedQuantity": 0.75, "ConsumedUnit": "GB",
     "BilledCost": 0, "EffectiveCost": 0, "Tags": {"ProjectId": "prj_1", "ProjectName": "web"}},
]
state = {"lines": LINES}


def authorized(req):
    return req.bearer() == TOKEN


def set_state(f):
    state["lines"] = f.get("lines", LINES)


def charges(req, m):
    if not req.arg("from") or not req.arg("to"):
        return 400, {}, {"error": {"code": "bad_request", "message": "from and to are required"}}
    if req.arg("teamId") not in (None, TEAM):
        return 403, {}, {"error": {"code": "forbidden", "message": "You don't have permission to access this team"}}
    body = "".join(json.dumps(line) + "\n" for line in state["lines"])
    return 200, {"Content-Type": "application/jsonl"}, body


ROUTES = [("GET", r"/v1/billing/charges", charges)]
