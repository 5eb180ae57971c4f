"""Neon: GET /api/v2/projects/{project_id} (PROVIDERS.md §4b), bearer API
key. Body as Neon's consumption-limits guide example, shortened
(synthetic_storage_size made non-zero: the example's values are illustrative).
State: any field of `project`; None leaves it out."""
PROVIDER = "neon"
TOKEN = "fake-neon-token"
PROJECT = "wispy-wind-123456"
UNAUTHORIZED = (401, {}, {"code": "", "message": "authorization failed"})
state = {}


def authorized(req):
    return req.bearer() == TOKEN


def set_state(f):
    state.update({k: v for k, v in f.items() if k != "provider"})


def project(req, m):
    if m.group("id") != PROJECT:
        return 404, {}, {"code": "", "message": "project not found"}
    p = {"id": PROJECT, "compute_time_seconds": 68400, "active_time_seconds": 75000, "cpu_used_sec": 7200,
         "synthetic_storage_size": 268435456, "data_transfer_bytes": 40821459,
         "settings": {"quota": {"active_time_seconds": 108000, "compute_time_seconds": 72000}},
         "consumption_period_start": "2026-12-01T00:00:00Z", "consumption_period_end": "2027-01-01T00:00:00Z",
         "quota_reset_at": "2027-01-01T00:00:00Z", "owner": {"subscription_type": "free"}}
    p.update(state)
    return 200, {}, {"project": {k: v for k, v in p.items() if v is not None}}


ROUTES = [("GET", r"/api/v2/projects/(?P<id>[^/]+)", project)]
