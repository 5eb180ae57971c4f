"""Upstash: GET /v2/redis/stats/{id} (PROVIDERS.md §6), HTTP Basic with the
account e-mail and the Developer API key. Body as the docs' example (the
total_monthly_*/current_storage values from a 3rd-party fixture), shortened.
State: any top-level field; None leaves it out."""
PROVIDER = "upstash"
TOKEN = "fake-upstash-token"
EMAIL = "ops@studyspot.test"
DATABASE = "96ad0856-03b1-4ee7-9666-e81abd0349e1"
state = {}


def authorized(req):
    return req.basic() == (EMAIL, TOKEN)


def set_state(f):
    state.update({k: v for k, v in f.items() if k != "provider"})


def stats(req, m):
    if m.group("id") != DATABASE:
        return 404, {}, b"database not found"
    body = {"monitor_count": {"x": "2023-05-22 10:59:23.426 +0000 UTC", "y": 320},
            "daily_net_commands": 7, "daily_read_requests": 7, "daily_write_requests": 0,
            "total_monthly_requests": 90, "total_monthly_bandwidth": 4000, "current_storage": 2000,
            "total_monthly_storage": 2000, "total_monthly_billing": 0,
            "connection_count": [{"x": "2025-08-31 15:12:52.799480932 +0000 UTC", "y": 0}],
            "throughput": [{"x": "2025-08-31 15:12:52.799480932 +0000 UTC", "y": 0}]}
    body.update(state)
    return 200, {}, {k: v for k, v in body.items() if v is not None}


ROUTES = [("GET", r"/v2/redis/stats/(?P<id>[^/]+)", stats)]
