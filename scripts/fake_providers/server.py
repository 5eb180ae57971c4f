#!/usr/bin/env python3
"""Local stand-ins for the providers' usage APIs (PROVIDERS.md), for tests
and demos: one HTTP server on loopback serving every provider's documented
response shapes, each provider in a module of this folder.

    scripts/fake_providers/server.py --port N

A provider module defines PROVIDER (the catalog's name), TOKEN (the
credential it accepts; anything else is answered 401 the way the provider
answers it), authorized(req) and ROUTES: [(method, path regex, handler)],
where handler(req, match) returns (status, headers, body) with body as
bytes, str, or a JSON-able object. A route may add a fourth element,
accepts(req): when it answers False the request goes on to the next route,
so two providers can share one endpoint (Cloudflare's GraphQL serves both
cloudflare-pages and cloudflare-r2, told apart by the datasets queried).

Control endpoints (not part of any provider's API):
  POST /_fake/fault  {"provider": P, "fault": F, "retry_after": "2", "times": N}
       F is none | 401 | 429 | 500 | malformed | empty | slow; the fault
       answers P's next N requests (all of them when N is absent).
  GET  /_fake/calls?provider=P   {"calls": n} requests P received
  POST /_fake/state  {"provider": P, ...}  module-specific state (set_state)
  GET  /health

Exits 98 when the port is taken, so a caller can pick another.
"""
import argparse, errno, importlib.util, json, os, re, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit, parse_qs

HERE = os.path.dirname(os.path.abspath(__file__))
lock = threading.Lock()
faults = {}   # provider -> {"fault": F, "retry_after": s, "times": n or None}
calls = {}    # provider -> count


def load_modules():
    mods = []
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".py") or name in ("server.py", "common.py") or name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location("fake_" + name[:-3], os.path.join(HERE, name))
        m = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(m)
        mods.append(m)
    return mods


MODULES = []


class Request:
    def __init__(self, handler, body):
        u = urlsplit(handler.path)
        self.method = handler.command
        self.path = u.path
        self.query = parse_qs(u.query, keep_blank_values=True)
        self.headers = {k.lower(): v for k, v in handler.headers.items()}
        self.body = body

    def arg(self, name, default=None):
        v = self.query.get(name)
        return v[0] if v else default

    def bearer(self):
        h = self.headers.get("authorization", "")
        return h[7:] if h.startswith("Bearer ") else None

    def basic(self):
        import base64
        h = self.headers.get("authorization", "")
        if not h.startswith("Basic "):
            return None
        try:
            user, _, password = base64.b64decode(h[6:]).decode().partition(":")
            return user, password
        except Exception:
            return None

    def json(self):
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    def form(self):
        return {k: v[0] for k, v in parse_qs(self.body.decode("utf-8", "replace")).items()}


def encode(body):
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode()
    return json.dumps(body).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def reply(self, status, headers, body):
        data = encode(body)
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Type", "application/json")
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        req = Request(self, body)
        if req.path == "/health":
            return self.reply(200, {}, {"ok": True})
        if req.path == "/_fake/fault" and req.method == "POST":
            f = req.json() or {}
            with lock:
                faults[f.get("provider")] = {"fault": f.get("fault", "none"), "retry_after": f.get("retry_after"), "times": f.get("times")}
            return self.reply(200, {}, {"ok": True})
        if req.path == "/_fake/calls":
            with lock:
                return self.reply(200, {}, {"calls": calls.get(req.arg("provider"), 0)})
        if req.path == "/_fake/state" and req.method == "POST":
            f = req.json() or {}
            for m in MODULES:
                if m.PROVIDER == f.get("provider") and hasattr(m, "set_state"):
                    m.set_state(f)
                    return self.reply(200, {}, {"ok": True})
            return self.reply(404, {}, {"error": "no such provider"})
        for m in MODULES:
            for route in m.ROUTES:
                method, pattern, fn = route[:3]
                match = re.fullmatch(pattern, req.path)
                if method != req.method or not match or (len(route) > 3 and not route[3](req)):
                    continue
                with lock:
                    calls[m.PROVIDER] = calls.get(m.PROVIDER, 0) + 1
                    f = faults.get(m.PROVIDER)
                    fault = f["fault"] if f else "none"
                    if f and f.get("times") is not None:
                        f["times"] -= 1
                        if f["times"] <= 0:
                            faults.pop(m.PROVIDER, None)
                if fault != "none":
                    return self.fault(fault, f)
                if not m.authorized(req):
                    unauth = getattr(m, "UNAUTHORIZED", (401, {}, {"message": "Unauthorized"}))
                    return self.reply(*unauth)
                return self.reply(*fn(req, match))
        return self.reply(404, {}, {"message": "Not Found"})

    def fault(self, fault, f):
        if fault == "401":
            return self.reply(401, {}, {"message": "Unauthorized"})
        if fault == "429":
            return self.reply(429, {"Retry-After": str(f.get("retry_after") or "60")}, {"message": "Too Many Requests"})
        if fault == "500":
            return self.reply(500, {}, {"message": "Internal Server Error"})
        if fault == "malformed":
            return self.reply(200, {}, b'{"used": 12, "oops"')
        if fault == "empty":
            return self.reply(200, {}, b"")
        if fault == "slow":
            time.sleep(30)
            return self.reply(200, {}, {})
        return self.reply(500, {}, {"message": "unknown fault " + fault})

    do_GET = do_POST = handle_any


def main():
    global MODULES
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    args = ap.parse_args()
    MODULES = load_modules()
    try:
        srv = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    except OSError as e:
        sys.exit(98 if e.errno == errno.EADDRINUSE else 1)
    srv.daemon_threads = True
    srv.serve_forever()


if __name__ == "__main__":
    main()
