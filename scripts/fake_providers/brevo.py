"""Brevo: GET /v3/account (PROVIDERS.md §9b), header `api-key`. `plan[]`
shape from the official SDK's model docs (GetAccountPlan); `credits` is what
is LEFT. State: `plan` replaces the plan array; None leaves it out."""
PROVIDER = "brevo"
TOKEN = "fake-brevo-token"
UNAUTHORIZED = (401, {}, {"code": "unauthorized", "message": "Key not found"})
state = {}


def authorized(req):
    return req.headers.get("api-key") == TOKEN


def set_state(f):
    state.update({k: v for k, v in f.items() if k != "provider"})


def account(req, m):
    body = {"email": "ops@studyspot.test", "firstName": "Ops", "lastName": "Team", "companyName": "StudySpot",
            "plan": [{"type": "free", "creditsType": "sendLimit", "credits": 250}],
            "relay": {"enabled": True, "data": {"userName": "x@smtp-brevo.com", "relay": "smtp-relay.brevo.com", "port": 587}}}
    body.update(state)
    return 200, {}, {k: v for k, v in body.items() if v is not None}


ROUTES = [("GET", r"/v3/account", account)]
