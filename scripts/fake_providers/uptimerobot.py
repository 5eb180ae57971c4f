"""UptimeRobot: POST /v2/getAccountDetails (PROVIDERS.md §11f), `api_key`
and `format=json` in the form body. Body as a 3rd-party README's output.
A wrong key is answered with the `stat: fail` body 3rd-party clients see
(its `passed_value` echoes the key), under HTTP 401 by default; state
`wrong_key_status: 200` sends it under HTTP 200, as those clients report
(UNCONFIRMED which one UptimeRobot sends); any other status (400) tests
that an error body's echo of the key is never shown.
State: any field of `account`; None leaves it out."""
PROVIDER = "uptimerobot"
TOKEN = "fake-uptimerobot-token"
state = {"wrong_key_status": 401}
account_fields = {}


def authorized(req):
    # Checked in the handler, which echoes the key the way UptimeRobot does.
    return True


def set_state(f):
    for k, v in f.items():
        if k == "wrong_key_status":
            state[k] = v
        elif k != "provider":
            account_fields[k] = v


def details(req, m):
    form = req.form()
    if form.get("api_key") != TOKEN:
        # passed_value first: a client must not count on it being past any cut.
        return state["wrong_key_status"], {}, {"stat": "fail", "error": {
            "passed_value": form.get("api_key", ""), "type": "invalid_parameter",
            "parameter_name": "api_key", "message": "api_key is invalid."}}
    if form.get("format") != "json":
        return 200, {"Content-Type": "text/xml"}, b"<?xml version=\"1.0\"?><account/>"
    a = {"email": "ops@studyspot.test", "monitor_limit": 50, "monitor_interval": 5,
         "up_monitors": 14, "down_monitors": 1, "paused_monitors": 2}
    a.update(account_fields)
    return 200, {}, {"stat": "ok", "account": {k: v for k, v in a.items() if v is not None}}


ROUTES = [("POST", r"/v2/getAccountDetails", details)]
