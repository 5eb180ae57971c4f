"""Mailgun: GET /v3/{domain}/stats/total?event=accepted&resolution=day&start=&end=
(PROVIDERS.md §9c), HTTP Basic `api`:key. One stats[] entry per day from
`start` to `end` (epoch seconds), times in RFC 2822 as Mailgun writes them:
4 outgoing + 1 incoming accepted a day, 7 + 1 on the last day. State
`stats` replaces the entries."""
import time

PROVIDER = "mailgun"
TOKEN = "fake-mailgun-token"
DOMAIN = "mg.studyspot.example"
UNAUTHORIZED = (401, {"Content-Type": "text/plain"}, "Forbidden")
state = {"stats": None}


def authorized(req):
    return req.basic() == ("api", TOKEN)


def set_state(f):
    state["stats"] = f.get("stats")


def rfc2822(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S UTC", time.gmtime(t))


def entry(t, outgoing):
    return {"time": rfc2822(t), "accepted": {"incoming": 1, "outgoing": outgoing, "total": outgoing + 1},
            "delivered": {"smtp": outgoing, "http": 0, "total": outgoing},
            "failed": {"temporary": {"espblock": 0}, "permanent": {"bounce": 0, "total": 0}}}


def stats(req, m):
    if m.group("domain") != DOMAIN:
        return 404, {}, {"message": "Domain not found: " + m.group("domain")}
    if "accepted" not in req.query.get("event", []):
        return 400, {}, {"message": "'event' parameter is required"}
    try:
        start = int(req.arg("start"))
        end = int(req.arg("end", str(int(time.time()))))
    except (TypeError, ValueError):
        return 400, {}, {"message": "start and end must be epoch seconds here"}
    days = []
    t = start - start % 86400
    while t <= end:
        days.append(t)
        t += 86400
    entries = state["stats"] if state["stats"] is not None else \
        [entry(d, 7 if i == len(days) - 1 else 4) for i, d in enumerate(days)]
    return 200, {}, {"description": "", "start": rfc2822(start), "end": rfc2822(end), "resolution": req.arg("resolution", "day"),
                     "stats": entries}


ROUTES = [("GET", r"/v3/(?P<domain>[^/]+)/stats/total", stats)]
