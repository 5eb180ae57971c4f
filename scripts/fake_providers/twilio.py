"""Twilio: GET /2010-04-01/Accounts/{Sid}/Usage/Records/AllTime.json
(PROVIDERS.md §11g), HTTP Basic AccountSid:AuthToken; the list wrapper of
Twilio's generated SDK fixtures (usage_records, next_page_uri, page,
page_size…), filtered by `Category` and paged by `PageSize`/`Page`. State
`records` replaces the records."""
PROVIDER = "twilio"
TOKEN = "fake-twilio-token"
SID = "AC0123456789abcdef0123456789abcdef"
UNAUTHORIZED = (401, {}, {"code": 20003, "detail": "Your AccountSid or AuthToken was incorrect.", "message": "Authenticate",
                          "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401})


def record(category, price, usage, unit, description):
    base = "/2010-04-01/Accounts/%s/Usage/Records" % SID
    return {"account_sid": SID, "api_version": "2010-04-01", "as_of": "2026-12-06T10:00:00+00:00",
            "category": category, "count": usage, "count_unit": unit, "description": description,
            "start_date": "2026-10-12", "end_date": "2026-12-06", "price": price, "price_unit": "usd",
            "usage": usage, "usage_unit": unit, "uri": base + "/AllTime.json?Category=" + category,
            "subresource_uris": {"all_time": base + "/AllTime.json?Category=" + category,
                                 "this_month": base + "/ThisMonth.json?Category=" + category}}


RECORDS = [record("sms", "0.33", "42", "messages", "SMS Messages"),
           record("calls", "1.40", "100", "minutes", "Voice Minutes"),
           record("totalprice", "3.71", "3.71", "usd", "Total Price")]
state = {"records": RECORDS}


def authorized(req):
    return req.basic() == (SID, TOKEN)


def set_state(f):
    state["records"] = f.get("records", RECORDS)


def all_time(req, m):
    if m.group("sid") != SID:
        return 404, {}, {"code": 20404, "message": "The requested resource was not found", "status": 404}
    category = req.arg("Category")
    records = [r for r in state["records"] if not category or r.get("category") == category]
    size = max(1, min(1000, int(req.arg("PageSize", "50"))))
    page = int(req.arg("Page", "0"))
    base = "/2010-04-01/Accounts/%s/Usage/Records/AllTime.json" % SID
    query = ("Category=%s&" % category if category else "") + "PageSize=%d" % size
    more = (page + 1) * size < len(records)
    return 200, {}, {
        "usage_records": records[page * size:(page + 1) * size],
        "first_page_uri": "%s?%s&Page=0" % (base, query),
        "next_page_uri": "%s?%s&Page=%d&PageToken=PA%d" % (base, query, page + 1, page + 1) if more else None,
        "previous_page_uri": None, "page": page, "page_size": size, "start": page * size, "end": page * size + size - 1,
        "uri": "%s?%s&Page=%d" % (base, query, page)}


ROUTES = [("GET", r"/2010-04-01/Accounts/(?P<sid>[^/]+)/Usage/Records/AllTime\.json", all_time)]
