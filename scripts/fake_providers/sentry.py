"""Sentry: GET /api/0/organizations/{org}/stats_v2/ (PROVIDERS.md §11e),
bearer auth token; intervals[] and groups[] with by/totals/series, filtered
by the `category` and `outcome` parameters as Sentry does. State `groups`
replaces the groups ("absent" leaves the key out)."""
PROVIDER = "sentry"
TOKEN = "fake-sentry-token"
ORG = "studyspot"
UNAUTHORIZED = (401, {}, {"detail": "Invalid token"})
GROUPS = [
    {"by": {"category": "error", "outcome": "accepted"}, "totals": {"sum(quantity)": 1234},
     "series": {"sum(quantity)": [400, 500, 334]}},
    {"by": {"category": "error", "outcome": "rate_limited"}, "totals": {"sum(quantity)": 90},
     "series": {"sum(quantity)": [0, 90, 0]}},
    {"by": {"category": "transaction", "outcome": "accepted"}, "totals": {"sum(quantity)": 5000},
     "series": {"sum(quantity)": [1000, 2000, 2000]}},
]
state = {"groups": GROUPS}


def authorized(req):
    return req.bearer() == TOKEN


def set_state(f):
    state["groups"] = f.get("groups", GROUPS)


def stats(req, m):
    if m.group("org") != ORG:
        return 404, {}, {"detail": "The requested resource does not exist"}
    if req.arg("field") != "sum(quantity)" or not req.query.get("groupBy"):
        return 400, {}, {"detail": "field and groupBy are required"}
    if not (req.arg("statsPeriod") or (req.arg("start") and req.arg("end"))):
        return 400, {}, {"detail": "start and end, or statsPeriod, are required"}
    body = {"start": req.arg("start"), "end": req.arg("end"),
            "intervals": ["2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z"]}
    if state["groups"] != "absent":
        cats, outs = req.query.get("category"), req.query.get("outcome")
        body["groups"] = [g for g in state["groups"]
                          if (not cats or g.get("by", {}).get("category") in cats)
                          and (not outs or g.get("by", {}).get("outcome") in outs)]
    return 200, {}, body


ROUTES = [("GET", r"/api/0/organizations/(?P<org>[^/]+)/stats_v2/", stats)]
