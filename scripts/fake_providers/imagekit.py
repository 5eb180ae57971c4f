"""ImageKit: GET /v1/accounts/usage?startDate=&endDate= (PROVIDERS.md §8),
HTTP Basic with the private key as user and an empty password. Shape from the
official Ruby SDK's UsageGetResponse; values illustrative. Both dates are
required (YYYY-MM-DD, end after start) or the answer is a 400.
State: any field; None leaves it out."""
import re

PROVIDER = "imagekit"
TOKEN = "fake-imagekit-token"
UNAUTHORIZED = (401, {}, {"message": "Your account cannot be authenticated.",
                          "help": "For support kindly contact us at support@imagekit.io ."})
state = {}


def authorized(req):
    return req.basic() == (TOKEN, "")


def set_state(f):
    state.update({k: v for k, v in f.items() if k != "provider"})


def usage(req, m):
    start, end = req.arg("startDate", ""), req.arg("endDate", "")
    day = r"\d{4}-\d{2}-\d{2}"
    if not re.fullmatch(day, start) or not re.fullmatch(day, end) or end <= start:
        return 400, {}, {"message": "startDate and endDate are required, endDate after startDate",
                         "help": "For support kindly contact us at support@imagekit.io ."}
    body = {"bandwidthBytes": 21474836480, "mediaLibraryStorageBytes": 1073741824,
            "originalCacheStorageBytes": 536870912, "videoProcessingUnitsCount": 0, "extensionUnitsCount": 0}
    body.update(state)
    return 200, {}, {k: v for k, v in body.items() if v is not None}


ROUTES = [("GET", r"/v1/accounts/usage", usage)]
