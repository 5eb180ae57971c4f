"""Netlify: GET /api/v1/accounts/{slug}/bandwidth (PROVIDERS.md §3), bearer token.
Body as alexwlchan's TIL shows it; bytes, GiB-based `included`."""
PROVIDER = "netlify"
TOKEN = "fake-netlify-token"
# The [[collector]] keys besides token (GET /_fake/collectors).
COLLECTOR = {"account": "studyspot"}
state = {"used": 27167800363}


def authorized(req):
    return req.bearer() == TOKEN


def set_state(f):
    state.update({k: v for k, v in f.items() if k != "provider"})


def bandwidth(req, m):
    if m.group("slug") != "studyspot":
        return 404, {}, {"code": 404, "message": "Not Found"}
    return 200, {}, {"used": state["used"], "included": 107374182400, "additional": 0,
                     "last_updated_at": "2026-12-06T10:15:03.237+00:00",
                     "period_start_date": "2026-11-17T00:00:00.000-08:00",
                     "period_end_date": "2026-12-17T00:00:00.000-08:00"}


ROUTES = [("GET", r"/api/v1/accounts/(?P<slug>[^/]+)/bandwidth", bandwidth)]
