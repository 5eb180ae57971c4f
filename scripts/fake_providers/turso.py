"""Turso: GET /v1/organizations/{org}/usage (PROVIDERS.md §10a), and the
plan's quotas from GET …/subscription and GET …/plans, bearer platform API
token. Bodies as the OpenAPI's examples (tursodatabase/turso-docs
api-reference/openapi.json), shortened; usage values illustrative.
State: any field of `organization.usage`; `subscription` replaces that
answer's body, None leaves a field out."""
PROVIDER = "turso"
TOKEN = "fake-turso-token"
UNAUTHORIZED = (401, {}, {"error": "token is not valid"})
state = {}


def authorized(req):
    return req.bearer() == TOKEN


def set_state(f):
    state.update({k: v for k, v in f.items() if k != "provider"})


def _org(m):
    return m.group("org") == "studyspot"


NOT_FOUND = (404, {}, {"error": "organization not found"})


def usage(req, m):
    if not _org(m):
        return NOT_FOUND
    u = {"rows_read": 123456789, "rows_written": 2500000, "databases": 4, "locations": 1,
         "storage_bytes": 536870912, "groups": 1, "bytes_synced": 0}
    u.update({k: v for k, v in state.items() if k != "subscription"})
    return 200, {}, {"organization": {
        "uuid": "fa72ba58-7db3-436b-bcab-14b83eb1dd88",
        "usage": {k: v for k, v in u.items() if v is not None},
        "databases": [{"uuid": "<unknown>", "instances": [{"uuid": "cd831986-94e5-11ee-a6fe-7a52e1f7759a",
                       "usage": {"rows_read": 0, "rows_written": 0, "storage_bytes": 4096, "bytes_synced": 0}}],
                       "total": {"rows_read": 0, "rows_written": 0, "storage_bytes": 8192, "bytes_synced": 0}}]}}


def subscription(req, m):
    if not _org(m):
        return NOT_FOUND
    if "subscription" in state:
        return (404, {}, {"error": "not found"}) if state["subscription"] is None else (200, {}, state["subscription"])
    return 200, {}, {"subscription": {"name": "starter", "overages": False, "plan": "starter", "timeline": "monthly"}}


def plans(req, m):
    if not _org(m):
        return NOT_FOUND
    return 200, {}, {"plans": [
        {"name": "starter", "price": "0", "quotas": {"rowsRead": 1000000000, "rowsWritten": 25000000, "databases": 500,
                                                     "locations": 3, "storage": 9000000000, "groups": 1, "bytesSynced": 3000000000}},
        {"name": "scaler", "price": "29", "quotas": {"rowsRead": 100000000000, "rowsWritten": 100000000, "databases": 10000,
                                                     "locations": 6, "storage": 24000000000, "groups": 1, "bytesSynced": 24000000000}}]}


ROUTES = [("GET", r"/v1/organizations/(?P<org>[^/]+)/usage", usage),
          ("GET", r"/v1/organizations/(?P<org>[^/]+)/subscription", subscription),
          ("GET", r"/v1/organizations/(?P<org>[^/]+)/plans", plans)]
