#!/usr/bin/python3
"""laborstat test server: a loopback HTTP/1.1 server for the mirror tree built by make_mirror.py.

usage: labsrv.py --root DIR --port-file FILE --log FILE [--port 0]

  /HOST/PATH                  static file ROOT/HOST/PATH (ETag, Last-Modified, Range, 304, gzip)
  /_f/FAULT/HOST/PATH         the same, with a fault injected (see README.md)
  POST /api.bls.gov/publicAPI/v2/timeseries/data/        fake BLS API v2 (also v1, and GET .../data/ID)
  GET  /public.projectionscentral.org/Projections/LongTermRestJson/<FIPS|all>[/<SOC>]   fake PC REST

Standard library only. Runs until SIGTERM (or SIGINT). See README.md for the exact behaviour.
"""
import argparse
import email.utils
import gzip
import hashlib
import json
import os
import re
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULTS = ("503x2", "429", "500", "reset", "short", "cutrange", "drip", "slow", "loop", "html",
          "badjson", "notzip", "threshold")

BINARY_EXT = {".zip", ".xlsx", ".xls", ".gz", ".pdf", ".png", ".jpg", ".gif"}
TEXT_EXT = {".txt", ".csv", ".json", ".tsv"}
CTYPES = {
    ".zip": "application/zip",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".json": "application/json",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".txt": "text/plain",
    ".html": "text/html",
}

NOT_FOUND_HTML = (b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
                  b"<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p>"
                  b"</body></html>\n")
ACCESS_DENIED = b"<html><body>Access Denied</body></html>"
BAD_JSON = b'{"status": "REQUEST_SUCCEEDED", "Results": {'
NOT_ZIP = b"PK\x03\x04" + bytes((i * 37 + 11) % 256 for i in range(60))
# BLS's wording and serialisation of this answer (see ../shared/reference/bls-api/samples/).
THRESHOLD_JSON = (b'{"status":"REQUEST_NOT_PROCESSED","responseTime":0,"message":["Request could not be '
                  b'serviced, as the daily threshold for total number of requests allocated to the user '
                  b'with registration key  has been reached."],"Results":{}}')

API_RE = re.compile(r"^/api\.bls\.gov/publicAPI/(v1|v2)/timeseries/data/?([^/]*)$")
PC_RE = re.compile(r"^/public\.projectionscentral\.org/Projections/LongTermRestJson/([^/]+)(?:/([^/]+))?/?$")
PC_PAGE_SIZES = (10, 25, 50, 100, 1000)
SERIES_ID_RE = re.compile(r"^[A-Z0-9_#\-]+$")
PERIOD_NAMES = {"M%02d" % i: n for i, n in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December", "Annual"], 1)}
PERIOD_NAMES.update({"Q01": "1st Quarter", "Q02": "2nd Quarter", "Q03": "3rd Quarter",
                     "Q04": "4th Quarter", "Q05": "Annual", "S01": "1st Half", "S02": "2nd Half",
                     "S03": "Annual", "A01": "Annual"})
ANNUAL_AVG_PERIODS = {"M13", "Q05", "S03"}


class State:
    """Shared server state: root, log file, fault counters, stop flag."""

    def __init__(self, root, log_path):
        self.root = os.path.realpath(root)
        self.log = open(log_path, "a", encoding="utf-8")
        self.lock = threading.Lock()
        self.counts = {}
        self.stop = threading.Event()

    def bump(self, fault, target):
        with self.lock:
            n = self.counts.get((fault, target), 0) + 1
            self.counts[(fault, target)] = n
            return n

    def write_log(self, rec):
        line = json.dumps(rec, sort_keys=False, ensure_ascii=False)
        with self.lock:
            self.log.write(line + "\n")
            self.log.flush()


STATE = None


def http_date(ts):
    return email.utils.formatdate(ts, usegmt=True)


def parse_http_date(text):
    try:
        dt = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if dt is None:
        return None
    return dt.timestamp()


class Response:
    def __init__(self, status, body=b"", ctype="text/html; charset=utf-8", headers=None):
        self.status = status
        self.body = body
        self.headers = [("Content-Type", ctype)] if ctype else []
        if headers:
            self.headers.extend(headers)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "labsrv/1.0"
    sys_version = ""

    def version_string(self):
        return self.server_version

    def log_message(self, fmt, *args):  # silence stderr access log
        pass

    # ------------------------------------------------------------------ entry points
    def do_GET(self):
        self.handle_any()

    def do_HEAD(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def do_PUT(self):
        self.handle_any()

    def do_DELETE(self):
        self.handle_any()

    def handle_any(self):
        self.rec = {
            "method": self.command, "path": None, "query": None, "fault": None, "status": None,
            "body_bytes": 0, "range": self.headers.get("Range"),
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "user_agent": self.headers.get("User-Agent"),
            "accept_encoding": self.headers.get("Accept-Encoding"),
        }
        try:
            self.req_body = self.read_body()
            split = urllib.parse.urlsplit(self.path)
            raw_path = split.path
            self.rec["path"] = raw_path
            self.rec["query"] = split.query
            self.query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
            path = urllib.parse.unquote(raw_path)
            fault = None
            m = re.match(r"^/_f/([^/]+)(/.*)$", path)
            if m:
                fault, path = m.group(1), m.group(2)
                self.rec["fault"] = fault
            if fault is not None and fault not in FAULTS:
                self.send(Response(400, b"<html><body>unknown fault</body></html>\n"))
                return
            if fault is None:
                self.send(self.dispatch(path))
                return
            n = STATE.bump(fault, path.lstrip("/"))
            self.rec["attempt"] = n
            self.run_fault(fault, n, path)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, socket.timeout):
            self.close_connection = True
        finally:
            STATE.write_log(self.rec)

    def read_body(self):
        n = self.headers.get("Content-Length")
        if n is None:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                data = b""
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return data
                    data += self.rfile.read(size)
                    self.rfile.readline()
            return b""
        try:
            n = int(n)
        except ValueError:
            return b""
        return self.rfile.read(n) if n > 0 else b""

    # ------------------------------------------------------------------ faults
    def run_fault(self, fault, n, path):
        if fault == "503x2":
            if n <= 2:
                return self.send(Response(503, b"<html><body><h1>503 Service Unavailable</h1></body></html>\n"))
            return self.send(self.dispatch(path))
        if fault == "429":
            if n == 1:
                return self.send(Response(429, b"<html><body><h1>429 Too Many Requests</h1></body></html>\n",
                                          headers=[("Retry-After", "1")]))
            return self.send(self.dispatch(path))
        if fault == "500":
            return self.send(Response(500, b"<html><body><h1>500 Internal Server Error</h1></body></html>\n"))
        if fault == "reset":
            resp = self.dispatch(path)
            if n == 1 and resp.status == 200:
                return self.send(resp, body_limit=len(resp.body) // 2, rst=True)
            return self.send(resp)
        if fault == "short":
            resp = self.dispatch(path)
            if n == 1 and resp.status == 200:
                return self.send(resp, declared_extra=max(1000, len(resp.body)))
            return self.send(resp)
        if fault == "cutrange":
            resp = self.dispatch(path)
            if self.headers.get("Range") is None and resp.status == 200:
                return self.send(resp, body_limit=(len(resp.body) * 2) // 5, close=True)
            return self.send(resp)
        if fault == "drip":
            resp = self.dispatch(path)
            if resp.status == 200:
                return self.send(resp, drip=True)
            return self.send(resp)
        if fault == "slow":
            resp = self.dispatch(path)
            if resp.status == 200:
                return self.send(resp, slow=True)
            return self.send(resp)
        if fault == "loop":
            loc = self.path  # same URL, query included
            return self.send(Response(302, b"", headers=[("Location", loc)]))
        if fault == "html":
            return self.send(Response(200, ACCESS_DENIED, "text/html"))
        if fault == "badjson":
            return self.send(Response(200, BAD_JSON, "application/json"))
        if fault == "notzip":
            return self.send(Response(200, NOT_ZIP, "application/zip"))
        if fault == "threshold":
            return self.send(Response(200, THRESHOLD_JSON, "application/json;charset=UTF-8"))

    # ------------------------------------------------------------------ sending
    def send(self, resp, body_limit=None, rst=False, close=False, declared_extra=0, drip=False,
             slow=False):
        body = resp.body
        self.rec["status"] = resp.status
        self.send_response(resp.status)
        names = {h.lower() for h, _ in resp.headers}
        for h, v in resp.headers:
            self.send_header(h, v)
        if "content-length" not in names and resp.status != 304:
            self.send_header("Content-Length", str(len(body) + declared_extra))
        if rst or close or declared_extra or drip:
            self.close_connection = True
        if self.close_connection or self.headers.get("Connection", "").lower() == "close":
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD" or resp.status in (204, 304) or resp.status < 200:
            self.wfile.flush()
            return
        if drip:
            return self.drip(body)
        if slow:
            return self.slow(body)
        if body_limit is not None:
            body = body[:body_limit]
        self.wfile.write(body)
        self.rec["body_bytes"] = len(body)
        self.wfile.flush()
        if rst:
            self.hard_reset()

    def hard_reset(self):
        """Abort the connection with a TCP RST (SO_LINGER 0, then close the descriptor)."""
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            fd = self.connection.detach()
            os.close(fd)
        except OSError:
            pass
        self.close_connection = True

    def slow(self, body):
        """The whole body at about 1 MB/s (16 KiB every 16 ms): steady, above any low-speed
        limit, slow enough for a test to kill the client mid-transfer."""
        sent = 0
        self.rec["body_bytes"] = 0
        try:
            while sent < len(body) and not STATE.stop.is_set():
                self.wfile.write(body[sent:sent + 16384])
                self.wfile.flush()
                sent = min(len(body), sent + 16384)
                self.rec["body_bytes"] = sent
                time.sleep(0.016)
        except OSError:
            pass

    def drip(self, body):
        sent = 0
        self.rec["body_bytes"] = 0
        try:
            while not STATE.stop.is_set():
                if sent < len(body):
                    self.wfile.write(body[sent:sent + 1])
                    self.wfile.flush()
                    sent += 1
                    self.rec["body_bytes"] = sent
                if STATE.stop.wait(2.0):
                    break
        except OSError:
            pass
        self.close_connection = True

    # ------------------------------------------------------------------ routing
    def dispatch(self, path):
        m = API_RE.match(path)
        if m:
            return self.api(m.group(1), m.group(2))
        m = PC_RE.match(path)
        if m:
            return self.projections_central(m.group(1), m.group(2))
        if self.command not in ("GET", "HEAD"):
            return Response(405, b"<html><body><h1>405 Method Not Allowed</h1></body></html>\n",
                            headers=[("Allow", "GET, HEAD")])
        return self.static(path)

    # ------------------------------------------------------------------ static files
    def static(self, path):
        rel = path.lstrip("/")
        parts = rel.split("/")
        if not rel or any(p in ("", ".", "..") for p in parts) or "\\" in rel or "\0" in rel:
            return Response(404, NOT_FOUND_HTML)
        full = os.path.join(STATE.root, *parts)
        if not os.path.isfile(full):
            return Response(404, NOT_FOUND_HTML)
        with open(full, "rb") as f:
            data = f.read()
        mtime = int(os.stat(full).st_mtime)
        etag_hex = hashlib.sha256(data).hexdigest()[:16]
        etag = '"%s"' % etag_hex
        last_mod = http_date(mtime)
        ext = os.path.splitext(parts[-1])[1].lower()
        is_text = ext in TEXT_EXT or ext not in BINARY_EXT
        ctype = CTYPES.get(ext, "text/plain" if is_text else "application/octet-stream")
        if is_text and ctype.startswith("text/"):
            ctype += "; charset=utf-8"
        common = [("Last-Modified", last_mod), ("Accept-Ranges", "bytes")]
        if is_text:
            common.append(("Vary", "Accept-Encoding"))

        # conditional GET: If-None-Match has precedence over If-Modified-Since
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            tags = [t[2:] if t.startswith("W/") else t for t in tags]
            if "*" in tags or etag in tags or ('"%s-gzip"' % etag_hex) in tags:
                return Response(304, b"", None, [("ETag", etag)] + common)
        elif ims is not None:
            t = parse_http_date(ims)
            if t is not None and mtime <= t:
                return Response(304, b"", None, [("ETag", etag)] + common)

        # Range (single range only; If-Range must match the ETag or the Last-Modified date)
        rng = self.headers.get("Range")
        if rng is not None:
            if_range = self.headers.get("If-Range")
            honour = if_range is None or if_range.strip() == etag or if_range.strip() == last_mod
            if honour:
                r = parse_range(rng, len(data))
                if r == "unsatisfiable":
                    return Response(416, b"", None, [("Content-Range", "bytes */%d" % len(data)),
                                                     ("ETag", etag)] + common)
                if r is not None:
                    a, b = r
                    return Response(206, data[a:b + 1], ctype,
                                    [("Content-Range", "bytes %d-%d/%d" % (a, b, len(data))),
                                     ("ETag", etag)] + common)

        ae = self.headers.get("Accept-Encoding", "")
        if is_text and accepts_gzip(ae):
            gz = gzip.compress(data, compresslevel=6, mtime=0)
            return Response(200, gz, ctype, [("Content-Encoding", "gzip"),
                                             ("ETag", '"%s-gzip"' % etag_hex)] + common)
        return Response(200, data, ctype, [("ETag", etag)] + common)

    # ------------------------------------------------------------------ fake BLS API
    def api(self, version, path_id):
        t0 = time.monotonic()
        ctype_in = self.headers.get("Content-Type", "")
        series, start, end, key, annualavg = [], None, None, None, False
        if self.command == "POST":
            if path_id:
                return Response(404, NOT_FOUND_HTML)
            if "json" in ctype_in.lower():
                try:
                    req = json.loads(self.req_body.decode("utf-8") or "null")
                except (UnicodeDecodeError, ValueError):
                    req = None
                if not isinstance(req, dict):
                    return api_json("REQUEST_NOT_PROCESSED", ["Unable to parse the request payload."], None, t0)
            elif "x-www-form-urlencoded" in ctype_in.lower():
                q = urllib.parse.parse_qs(self.req_body.decode("utf-8", "replace"))
                req = {k: v[0] for k, v in q.items()}
                if "seriesid" in req:
                    req["seriesid"] = [s for s in req["seriesid"].split(",") if s]
            else:
                return Response(415, b"<html><body><h1>HTTP Status 415 - Unsupported Media Type</h1></body></html>\n")
            series = req.get("seriesid") or []
            if isinstance(series, str):
                series = [series]
            start, end = req.get("startyear"), req.get("endyear")
            key = req.get("registrationkey")
            annualavg = str(req.get("annualaverage", "")).lower() == "true"
        elif self.command in ("GET", "HEAD"):
            if not path_id:
                return Response(415, b"<html><body><h1>HTTP Status 415 - Unsupported Media Type</h1></body></html>\n")
            series = [path_id]
            q = {k: v[0] for k, v in self.query.items()}
            start, end = q.get("startyear"), q.get("endyear")
            key = q.get("registrationkey")
            annualavg = q.get("annualaverage", "").lower() == "true"
        else:
            return Response(405, b"<html><body><h1>405 Method Not Allowed</h1></body></html>\n")

        has_key = bool(key) and version == "v2"
        self.rec.update({"api": version, "nseries": len(series), "startyear": start, "endyear": end,
                         "key": "present" if key else "absent"})
        max_series = 50 if has_key else 25
        max_years = 20 if has_key else 10
        if len(series) == 0:
            return api_json("REQUEST_NOT_PROCESSED", ["No series ids were given in the request."], None, t0)
        if len(series) > max_series:
            return api_json("REQUEST_NOT_PROCESSED",
                            ["Request could not be serviced, as the maximum number of series allowed "
                             "per query (%d) has been exceeded." % max_series], None, t0)
        messages = []
        tables = {}
        for sid in series:
            tables[sid] = load_series(sid) if isinstance(sid, str) and SERIES_ID_RE.match(sid) else None
        try:
            start_y = int(start) if start not in (None, "") else None
            end_y = int(end) if end not in (None, "") else None
        except (TypeError, ValueError):
            return api_json("REQUEST_NOT_PROCESSED", ["Invalid year range: startyear and endyear must be "
                                                      "4-digit years."], None, t0)
        if start_y is None or end_y is None:
            # no range given: the three most recent years of data (latest year among the series)
            latest = max([max(r[0] for r in t) for t in tables.values() if t] or [time.gmtime().tm_year])
            end_y = end_y if end_y is not None else latest
            start_y = start_y if start_y is not None else end_y - 2
        if start_y > end_y:
            start_y, end_y = end_y, start_y
        if end_y - start_y + 1 > max_years:
            end_y = start_y + max_years - 1
            messages.append("Year range has been reduced to the system-allowed limit of %d years." % max_years)
        self.rec["years"] = end_y - start_y + 1
        out = []
        for sid in series:
            sid_s = sid if isinstance(sid, str) else json.dumps(sid)
            if not isinstance(sid, str) or not SERIES_ID_RE.match(sid):
                messages.append("Invalid Series for Series  %s" % sid_s)
                out.append({"seriesID": sid_s, "data": []})
                continue
            rows = tables[sid]
            if rows is None:
                messages.append("Series does not exist for Series %s" % sid)
                out.append({"seriesID": sid, "data": []})
                continue
            plain = [r for r in rows if r[1] not in ANNUAL_AVG_PERIODS] or rows
            newest = max(plain, key=lambda r: (r[0], r[1])) if plain else None
            sel = [r for r in rows if start_y <= r[0] <= end_y
                   and (r[1] not in ANNUAL_AVG_PERIODS or (annualavg and has_key))]
            have = {r[0] for r in sel}
            for y in range(start_y, end_y + 1):
                if y not in have:
                    messages.append("No Data Available for Series %s Year: %d" % (sid, y))
            sel.sort(key=lambda r: (r[0], r[1]), reverse=True)
            data = []
            for r in sel:
                d = {"year": str(r[0]), "period": r[1], "periodName": PERIOD_NAMES.get(r[1], r[1])}
                if r is newest:
                    d["latest"] = "true"
                d["value"] = r[2]
                d["footnotes"] = [{"code": r[4], "text": r[3]}] if r[3] else [{}]
                data.append(d)
            out.append({"seriesID": sid, "data": data})
        return api_json("REQUEST_SUCCEEDED", messages, out, t0)

    # ------------------------------------------------------------------ fake Projections Central
    def projections_central(self, fips_sel, soc_sel):
        if self.command not in ("GET", "HEAD"):
            return Response(405, b"<html><body><h1>405 Method Not Allowed</h1></body></html>\n")
        q = {k: v[0] for k, v in self.query.items()}
        try:
            per = int(q.get("items_per_page", "10"))
            page = int(q.get("page", "0"))
        except ValueError:
            per, page = -1, 0
        if per not in PC_PAGE_SIZES or page < 0:
            return Response(404, b"No results found.", "text/html; charset=UTF-8")
        path = os.path.join(STATE.root, "public.projectionscentral.org", "rows.json")
        try:
            with open(path, encoding="utf-8") as f:
                rows = json.load(f)
        except OSError:
            rows = []
        if fips_sel.lower() != "all":
            want = set()
            for p in fips_sel.replace(" ", "+").split("+"):
                if p.strip().isdigit():
                    want.add(int(p))
            rows = [r for r in rows if str(r.get("STFIPS", "")).strip().isdigit()
                    and int(r["STFIPS"]) in want]
        if soc_sel:
            socs = {s.strip() for s in soc_sel.replace(" ", "+").split("+") if s.strip()}
            rows = [r for r in rows if r.get("OccCode") in socs]
        # national ("0") first, then by area name (as the real service answers), then by SOC code
        rows = sorted(rows, key=lambda r: (str(r.get("STFIPS")) != "0", str(r.get("Area", "")).strip(),
                                           str(r.get("OccCode", ""))))
        total = len(rows)
        pages = (total + per - 1) // per
        body = {"rows": rows[page * per:(page + 1) * per],
                "pager": {"current_page": page, "total_items": total, "total_pages": pages,
                          "items_per_page": per}}
        return Response(200, json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                        "application/json")


def accepts_gzip(ae):
    for part in ae.split(","):
        bits = part.strip().split(";")
        if bits[0].strip().lower() in ("gzip", "x-gzip", "*"):
            q = 1.0
            for b in bits[1:]:
                b = b.strip()
                if b.startswith("q="):
                    try:
                        q = float(b[2:])
                    except ValueError:
                        q = 0.0
            if q > 0:
                return True
    return False


def parse_range(spec, size):
    """Return (first, last) for a single satisfiable byte range, "unsatisfiable", or None (ignore)."""
    spec = spec.strip()
    if not spec.startswith("bytes=") or "," in spec:
        return None
    a, _, b = spec[6:].strip().partition("-")
    try:
        if a == "":
            n = int(b)
            if n <= 0:
                return "unsatisfiable"
            return (max(0, size - n), size - 1) if size > 0 else "unsatisfiable"
        first = int(a)
        last = int(b) if b != "" else size - 1
    except ValueError:
        return None
    if first >= size or last < first:
        return "unsatisfiable"
    return first, min(last, size - 1)


def load_series(sid):
    path = os.path.join(STATE.root, "api.bls.gov", "series", sid + ".tsv")
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    rows = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not cols[0].strip().isdigit():
            continue
        cols += [""] * (5 - len(cols))
        rows.append((int(cols[0]), cols[1].strip(), cols[2].strip(), cols[3].strip(), cols[4].strip()))
    return rows


def api_json(status, messages, series, t0):
    """Serialise like the real API: compact JSON, literal newlines around the series array."""
    ms = int((time.monotonic() - t0) * 1000)
    head = '{"status":%s,"responseTime":%d,"message":%s,"Results":' % (
        json.dumps(status), ms, json.dumps(messages, ensure_ascii=False, separators=(",", ":")))
    if series is None:
        text = head + "{}}"
    else:
        text = head + '{\n"series":\n' + json.dumps(series, ensure_ascii=False, separators=(",", ":")) + "\n}}"
    return Response(200, text.encode("utf-8"), "application/json;charset=UTF-8")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global STATE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    if not os.path.isdir(args.root):
        sys.exit("labsrv: no such directory: %s" % args.root)
    STATE = State(args.root, args.log)
    srv = Server(("127.0.0.1", args.port), Handler)
    port = srv.server_address[1]
    tmp = "%s.tmp.%d" % (args.port_file, os.getpid())
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.replace(tmp, args.port_file)

    def stop(signum, frame):
        STATE.stop.set()
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        srv.serve_forever(poll_interval=0.2)
    finally:
        srv.server_close()
        STATE.log.close()


if __name__ == "__main__":
    main()
