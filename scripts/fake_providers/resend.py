"""Resend: the quota headers x-resend-daily-quota / x-resend-monthly-quota on
GET /domains (PROVIDERS.md §9a), bearer API key; the list body as Resend's
docs show it. State sets a header's value (null leaves it out)."""
PROVIDER = "resend"
TOKEN = "fake-resend-token"
UNAUTHORIZED = (403, {}, {"statusCode": 403, "message": "API key is invalid", "name": "invalid_api_key"})
DEFAULT = {"daily": "12", "monthly": "480"}
state = dict(DEFAULT)


def authorized(req):
    return req.bearer() == TOKEN


def set_state(f):
    state.clear()
    state.update(DEFAULT)
    state.update({k: v for k, v in f.items() if k in DEFAULT})


def domains(req, m):
    headers = {"ratelimit-limit": "5", "ratelimit-remaining": "4", "ratelimit-reset": "1"}
    if state["daily"] is not None:
        headers["x-resend-daily-quota"] = state["daily"]
    if state["monthly"] is not None:
        headers["x-resend-monthly-quota"] = state["monthly"]
    return 200, headers, {"object": "list", "data": [
        {"id": "d91cd9bd-1176-453e-8fc1-35364d380206", "name": "studyspot.example", "status": "verified",
         "created_at": "2026-04-26 20:21:26.347412+00", "region": "us-east-1"}]}


ROUTES = [("GET", r"/domains", domains)]
