"""Cloudflare R2 (PROVIDERS.md §2c): r2OperationsAdaptiveGroups by actionType
and r2StorageAdaptiveGroups' max sizes by bucket, in one GraphQL query; the
window must start on the 1st of the month at 00:00 UTC."""
import _cloudflare as cf

PROVIDER = "cloudflare-r2"
TOKEN = "fake-cloudflare-r2-token"
UNAUTHORIZED = cf.UNAUTHORIZED
OPERATIONS = [{"sum": {"requests": 35000}, "dimensions": {"actionType": "PutObject"}},
              {"sum": {"requests": 105000}, "dimensions": {"actionType": "GetObject"}},
              {"sum": {"requests": 2000}, "dimensions": {"actionType": "ListObjects"}},
              {"sum": {"requests": 1000}, "dimensions": {"actionType": "HeadObject"}},
              {"sum": {"requests": 500}, "dimensions": {"actionType": "DeleteObject"}}]
STORAGE = [{"max": {"payloadSize": 874000000, "metadataSize": 370990, "objectCount": 1200, "uploadCount": 0},
            "dimensions": {"bucketName": "uploads"}},
           {"max": {"payloadSize": 199370834, "metadataSize": 0, "objectCount": 310, "uploadCount": 1},
            "dimensions": {"bucketName": "avatars"}}]
state = {"operations": OPERATIONS, "storage": STORAGE}


def authorized(req):
    return req.bearer() == TOKEN


def set_state(f):
    state["operations"] = f.get("operations", OPERATIONS)
    state["storage"] = f.get("storage", STORAGE)


def graphql(req, m):
    node = {k: v for k, v in (("r2OperationsAdaptiveGroups", state["operations"]),
                              ("r2StorageAdaptiveGroups", state["storage"])) if v != "absent"}
    return cf.account_answer(req, node, start_suffix="-01T00:00:00Z")


ROUTES = [("POST", cf.PATH, graphql, cf.querying("r2OperationsAdaptiveGroups"))]
