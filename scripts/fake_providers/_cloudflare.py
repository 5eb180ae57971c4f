"""Shared by cloudflare_pages.py and cloudflare_r2.py: Cloudflare's GraphQL
Analytics endpoint (PROVIDERS.md §2), POST /client/v4/graphql with a bearer
API token; GraphQL errors come back with HTTP 200 and an `errors` array."""
ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353"
PATH = r"/client/v4/graphql"
# Cloudflare's v4 envelope for a refused token (code 10000, as clients quote
# it); the status for the GraphQL endpoint is UNCONFIRMED.
UNAUTHORIZED = (403, {}, {"success": False, "errors": [{"code": 10000, "message": "Authentication error"}],
                          "messages": [], "result": None})


def querying(dataset):
    """accepts(req) for a route: the request's GraphQL query names `dataset`."""
    def accepts(req):
        body = req.json()
        return isinstance(body, dict) and dataset in str(body.get("query", ""))
    return accepts


def graphql_error(message):
    """HTTP 200 with an errors array, as analytics/graphql-api/errors shows."""
    return 200, {}, {"data": None, "errors": [{"message": message, "path": ["viewer", "accounts"],
                                                "extensions": {"timestamp": "2026-12-06T10:00:00Z"}}]}


def account_answer(req, node, start_suffix=None):
    """The documented answer for `node` (the account's datasets), after the
    checks Cloudflare makes: one account tag, and the time window."""
    body = req.json() or {}
    v = body.get("variables") or {}
    if v.get("accountTag") != ACCOUNT:
        return graphql_error("not authorized for that account")
    start, end = v.get("start"), v.get("end")
    if not start or not end or (start_suffix and not start.endswith(start_suffix)):
        return graphql_error("error parsing args: datetime_geq must be the period's start (test expectation)")
    return 200, {}, {"data": {"viewer": {"accounts": [node]}}, "errors": None}
