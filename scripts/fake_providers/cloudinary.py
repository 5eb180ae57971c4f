"""Cloudinary: GET /v1_1/{cloud_name}/usage (PROVIDERS.md §7), HTTP Basic
with the API key as user and the API secret as password. Body as the
PROVIDERS.md example (blocks after `transformations` UNCONFIRMED there).
State: `credits` replaces the credits block; None leaves it out."""
PROVIDER = "cloudinary"
TOKEN = "fake-cloudinary-token"
API_KEY = "fake-cloudinary-key"
UNAUTHORIZED = (401, {}, {"error": {"message": "api_secret mismatch"}})
state = {}


def authorized(req):
    return req.basic() == (API_KEY, TOKEN)


def set_state(f):
    state.update({k: v for k, v in f.items() if k != "provider"})


def usage(req, m):
    if m.group("cloud") != "studyspot":
        return 401, {}, {"error": {"message": "Invalid cloud_name " + m.group("cloud")}}
    body = {"plan": "Free", "last_updated": "2026-12-05", "date_requested": "2026-12-06T00:00:00Z",
            "transformations": {"usage": 10151, "credits_usage": 10.15},
            "objects": {"usage": 7485},
            "bandwidth": {"usage": 3347454771, "credits_usage": 3.12},
            "storage": {"usage": 808347215, "credits_usage": 0.75},
            "credits": {"usage": 14.02, "limit": 25.0, "used_percent": 56.08},
            "requests": 134056, "resources": 7485, "derived_resources": 23174}
    body.update(state)
    return 200, {}, {k: v for k, v in body.items() if v is not None}


ROUTES = [("GET", r"/v1_1/(?P<cloud>[^/]+)/usage", usage)]
