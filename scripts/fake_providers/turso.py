"""Turso: GET /v1/organizations/{org}/usage (PROVIDERS.md §10a), bearer
platform API token. Body as the docs' example, shortened.
State: any field of `organization.usage`; None leaves it out."""
PROVIDER = "turso"
TOKEN = "fake-turso-token"
UNAUTHORIZED = (401, {}, {"error": "token is not valid"})
state = {}


def authorized(req):
    return req.bearer() == TOKEN


def set_state(f):
    state.update({k: v for k, v in f.items() if k != "provider"})


def usage(req, m):
    if m.group("org") != "studyspot":
        return 404, {}, {"error": "organization not found"}
    u = {"rows_read": 1000000000, "rows_written": 25000000, "databases": 500, "locations": 3,
         "storage_bytes": 9000000000, "groups": 1, "bytes_synced": 3000000000}
    u.update(state)
    return 200, {}, {"organization": {
        "uuid": "fa72ba58-7db3-436b-bcab-14b83eb1dd88",
        "usage": {k: v for k, v in u.items() if v is not None},
        "databases": [{"uuid": "<unknown>", "instances": [{"uuid": "cd831986-94e5-11ee-a6fe-7a52e1f7759a",
                       "usage": {"rows_read": 0, "rows_written": 0, "storage_bytes": 4096, "bytes_synced": 0}}],
                       "total": {"rows_read": 0, "rows_written": 0, "storage_bytes": 8192, "bytes_synced": 0}}]}}


ROUTES = [("GET", r"/v1/organizations/(?P<org>[^/]+)/usage", usage)]
