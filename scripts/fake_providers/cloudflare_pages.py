"""Cloudflare Pages Functions requests (PROVIDERS.md §2b): the GraphQL
dataset pagesFunctionsInvocationsAdaptiveGroups, answered as the
3rd-party fixture PROVIDERS.md quotes; the window must start at 00:00 UTC."""
import _cloudflare as cf

PROVIDER = "cloudflare-pages"
TOKEN = "fake-cloudflare-pages-token"
UNAUTHORIZED = cf.UNAUTHORIZED
DATASET = "pagesFunctionsInvocationsAdaptiveGroups"
DEFAULT = [{"dimensions": {"scriptName": "pages-worker--12090723-production"}, "sum": {"requests": 110334}},
           {"dimensions": {"scriptName": "pages-worker--12090723-preview"}, "sum": {"requests": 1666}}]
state = {"groups": DEFAULT, "error": None}


def authorized(req):
    return req.bearer() == TOKEN


def set_state(f):
    state["groups"] = f.get("groups", DEFAULT)
    state["error"] = f.get("error")


def graphql(req, m):
    if state["error"]:
        return cf.graphql_error(state["error"])
    node = {} if state["groups"] == "absent" else {DATASET: state["groups"]}
    return cf.account_answer(req, node, start_suffix="T00:00:00Z")


ROUTES = [("POST", cf.PATH, graphql, cf.querying(DATASET))]
