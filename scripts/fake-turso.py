#!/usr/bin/env python3
"""A local stand-in for Turso's SQL over HTTP ("Hrana over HTTP" v2) over a
real SQLite file, for tests and demos: POST /v2/pipeline with execute and
close requests, a bearer token, error results for bad SQL; GET /v2 and
GET /health answer 200. Not Turso: no batons kept (every stream is closed
after its pipeline), no batch/sequence/describe.

    scripts/fake-turso.py --db FILE --port N --token T [--catalog]

--catalog creates the contract's catalog tables (owners, libraries, seats)
when they are missing. For fault tests, POST /_fault with a body of
`garbage`, `truncated`, `hang` or `none` makes later pipeline replies a
non-JSON body, a JSON body cut in half, a minute late, or normal again. Exits 98 when the port is
taken, so a caller can pick another.
"""
import argparse, base64, errno, json, sqlite3, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CATALOG = """
CREATE TABLE IF NOT EXISTS owners(id INTEGER PRIMARY KEY, display_name TEXT NOT NULL, db_role TEXT UNIQUE);
CREATE TABLE IF NOT EXISTS libraries(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL,
  owner_id INTEGER NOT NULL REFERENCES owners, timezone TEXT NOT NULL DEFAULT 'Asia/Kolkata',
  active BOOLEAN NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS seats(id INTEGER PRIMARY KEY, library_id INTEGER NOT NULL REFERENCES libraries,
  label TEXT NOT NULL, zone TEXT NOT NULL DEFAULT 'Main', row_no INTEGER NOT NULL, col_no INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT 'standard', state TEXT NOT NULL DEFAULT 'open'
  CHECK (state IN ('open','maintenance','retired')));
CREATE INDEX IF NOT EXISTS seats_library_idx ON seats(library_id, zone, row_no, col_no);
"""

state = {"fault": "none"}
lock = threading.Lock()


def to_sql(v):
    t = v.get("type")
    if t == "null": return None
    if t == "integer": return int(v["value"])
    if t == "float": return float(v["value"])
    if t == "text": return str(v["value"])
    if t == "blob": return base64.b64decode(v["base64"])
    raise ValueError("unknown value type %r" % t)


def to_hrana(x):
    if x is None: return {"type": "null"}
    if isinstance(x, bool) or isinstance(x, int): return {"type": "integer", "value": str(int(x))}
    if isinstance(x, float): return {"type": "float", "value": x}
    if isinstance(x, bytes): return {"type": "blob", "base64": base64.b64encode(x).decode()}
    return {"type": "text", "value": str(x)}


def execute(db, stmt):
    sql = stmt.get("sql")
    args = [to_sql(a) for a in stmt.get("args", [])]
    with lock:
        cur = db.execute(sql, args)
        rows = cur.fetchall() if cur.description else []
        cols = [{"name": d[0], "decltype": None} for d in (cur.description or [])]
        db.commit()
    return {"cols": cols, "rows": [[to_hrana(x) for x in r] for r in rows],
            "affected_row_count": max(cur.rowcount, 0),
            "last_insert_rowid": None if cur.lastrowid is None else str(cur.lastrowid),
            "rows_read": len(rows), "rows_written": max(cur.rowcount, 0)}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def reply(self, status, body, ctype="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def do_GET(self):
        if self.path in ("/health", "/v2"):
            self.reply(200, b"", "text/plain")
        elif self.path == "/version":
            self.reply(200, b"fake-turso", "text/plain")
        else:
            self.reply(404, {"error": "not found"})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/_fault":
            state["fault"] = body.decode().strip() or "none"
            return self.reply(200, b"", "text/plain")
        if self.path != "/v2/pipeline":
            return self.reply(404, {"error": "not found"})
        if self.headers.get("Authorization") != "Bearer " + self.server.token:
            return self.reply(401, {"error": "Unauthorized: `The JWT is invalid`"})
        try:
            req = json.loads(body)
            requests = req["requests"]
        except Exception as e:
            return self.reply(400, {"error": "invalid pipeline request: %s" % e})
        results = []
        for r in requests:
            try:
                if r.get("type") == "execute":
                    results.append({"type": "ok", "response": {"type": "execute", "result": execute(self.server.db, r["stmt"])}})
                elif r.get("type") == "close":
                    results.append({"type": "ok", "response": {"type": "close"}})
                else:
                    results.append({"type": "error", "error": {"message": "unsupported request %r" % r.get("type"), "code": "UNSUPPORTED"}})
            except Exception as e:
                results.append({"type": "error", "error": {"message": str(e), "code": "SQLITE_ERROR"}})
        data = json.dumps({"baton": None, "base_url": None, "results": results}).encode()
        fault = state["fault"]
        if fault == "hang":
            time.sleep(60)
        if fault == "garbage":
            return self.reply(200, b"<html>upstream hiccup</html>\x00\xff", "text/html")
        if fault == "truncated":
            return self.reply(200, data[: len(data) // 2])
        self.reply(200, data)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--db", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--catalog", action="store_true")
    a = p.parse_args()
    db = sqlite3.connect(a.db, check_same_thread=False)
    if a.catalog:
        db.executescript(CATALOG)
    try:
        srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    except OSError as e:
        sys.stderr.write("fake-turso: port %d: %s\n" % (a.port, e))
        sys.exit(98 if e.errno == errno.EADDRINUSE else 1)
    srv.db, srv.token = db, a.token
    srv.daemon_threads = True
    srv.serve_forever()


if __name__ == "__main__":
    main()
