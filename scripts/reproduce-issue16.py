#!/usr/bin/env python3
"""Issue 16 reproduction: an attacker against a running `budgetbox serve`, over HTTP only.

Usage:
    python3 reproduce_issue16.py BINARY [BINARY ...]      # e.g. the old and the new binary
    python3 reproduce_issue16.py --only 1,4 BINARY        # some scenarios only

Every scenario starts its own server(s) on a fresh SQLite file in a fresh temporary directory,
and prints what the server answered. Standard library only.
"""

import argparse
import datetime as dt
import hashlib
import http.cookiejar
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "violet tram umbrella"
RECEIPT_PROBE = "ABCDEFGHJKMNPQRS"
KEEP = False  # --keep: leave temporary directories behind


def say(*a):
    print(*a, flush=True)


# ---------------------------------------------------------------- HTTP


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k):
        return None


class Resp:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        try:
            return json.loads(self.body)
        except Exception:
            return None

    def short(self, n=300):
        t = self.text.strip().replace("\n", " ")
        return t[:n] + ("..." if len(t) > n else "")

    def set_cookies(self):
        return self.headers.get_all("Set-Cookie") or []


class Client:
    """One browser (own cookie jar; redirects are not followed) or one API client."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def request(self, method, path, json_body=None, data=None, form=None, token=None,
                headers=None, content_type=None, cookies=True):
        url = self.base + path
        hdrs = dict(headers or {})
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            hdrs["Content-Type"] = "application/json"
        elif form is not None:
            body = urllib.parse.urlencode(form).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
        elif data is not None:
            body = data.encode() if isinstance(data, str) else data
            hdrs["Content-Type"] = content_type or "text/plain"
        if token:
            hdrs["Authorization"] = "Bearer " + token
        hdrs.setdefault("Accept", "application/json" if path.startswith("/api/") else "text/html")
        req = urllib.request.Request(url, data=body, method=method, headers=hdrs)
        opener = self.opener if cookies else urllib.request.build_opener(NoRedirect())
        try:
            with opener.open(req, timeout=60) as r:
                return Resp(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Resp(e.code, e.headers, e.read())

    def get(self, path, **k):
        return self.request("GET", path, **k)

    def post(self, path, **k):
        return self.request("POST", path, **k)

    def cookie(self, name):
        for c in self.jar:
            if c.name == name:
                return c.value
        return None

    def csrf_from(self, page_path, action=None):
        """The csrf token of the form on `page_path` (the one posting to `action` if given)."""
        page = self.get(page_path)
        html = page.text
        if action:
            m = re.search(r'<form[^>]*action="' + re.escape(action) + r'"[^>]*>(.*?)</form>', html, re.S)
            if m:
                t = re.search(r'name="csrf_token" value="([^"]+)"', m.group(1))
                if t:
                    return t.group(1)
        t = re.search(r'name="csrf_token" value="([^"]+)"', html)
        return t.group(1) if t else None

    def submit(self, page_path, action, fields):
        token = self.csrf_from(page_path, action)
        f = {"csrf_token": token or ""}
        f.update(fields)
        return self.post(action, form=f)


# ---------------------------------------------------------------- servers


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def base_env():
    env = dict(os.environ)
    for k in ("BUDGETBOX_SECRET_KEY", "DATABASE_URL", "BUDGETBOX_DATA_DIR", "RUST_LOG"):
        env.pop(k, None)
    env["LOG"] = "info"
    return env


def global_args(dirpath, db_path, secret=None):
    a = ["--data-dir", dirpath, "--database-url", "sqlite://" + db_path]
    if secret:
        a += ["--secret-key", secret]
    return a


def admin_create(binary, dirpath, db_path, email, role, secret=None):
    out = subprocess.run(
        [binary] + global_args(dirpath, db_path, secret) + ["admin", "create", "--email", email, "--role", role],
        capture_output=True, text=True, env=base_env(), timeout=120,
    )
    m = re.search(r"Password[^:]*:\s*(\S+)", out.stdout) or re.search(r"password[^:]*:\s*(\S+)", out.stdout, re.I)
    if out.returncode != 0 or not m:
        raise RuntimeError(f"admin create failed rc={out.returncode}: {out.stdout} {out.stderr}")
    return m.group(1)


class Server:
    def __init__(self, binary, dirpath, db_path, secret=None, name="server"):
        self.binary, self.dir, self.db, self.secret = binary, dirpath, db_path, secret
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.logpath = os.path.join(dirpath, f"{name}-{self.port}.log")
        self.proc = None

    def start(self):
        self.logf = open(self.logpath, "wb")
        cmd = [self.binary] + global_args(self.dir, self.db, self.secret) + [
            "serve", "--no-demo", "--bind", f"127.0.0.1:{self.port}"]
        self.proc = subprocess.Popen(cmd, stdout=self.logf, stderr=subprocess.STDOUT, env=base_env())
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited rc={self.proc.returncode}: {self.log()[-2000:]}")
            try:
                r = Client(self.base).get("/healthz")
                if r.status == 200:
                    return self
            except Exception:
                pass
            time.sleep(0.2)
        raise RuntimeError("server did not start: " + self.log()[-2000:])

    def log(self):
        self.logf.flush()
        with open(self.logpath, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.logf.close()

    def client(self):
        return Client(self.base)


class Env:
    """A fresh data directory, a council account and a running server."""

    def __init__(self, binary, label):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix=f"bb16-{label}-")
        self.db = os.path.join(self.dir, "db.sqlite")
        self.servers = []
        self.council_password = admin_create(binary, self.dir, self.db, "council@example.org", "council")
        self.reviewer_password = admin_create(binary, self.dir, self.db, "reviewer@example.org", "reviewer")
        self.srv = self.start_server()
        self.api = self.srv.client()
        self.new = self.detect_new()
        self.council = self.login("council@example.org", self.council_password)
        self.reviewer = self.login("reviewer@example.org", self.reviewer_password)

    def start_server(self, secret=None, name="server"):
        s = Server(self.binary, self.dir, self.db, secret, name).start()
        self.servers.append(s)
        return s

    def close(self):
        for s in self.servers:
            s.stop()
        if not KEEP:
            shutil.rmtree(self.dir, ignore_errors=True)

    def detect_new(self):
        doc = self.api.get("/api/v1/openapi.json").json() or {}
        return "/api/v1/rounds/{round_id}/voting-codes/from-census" in doc.get("paths", {})

    def login(self, email, password):
        r = self.api.post("/api/v1/auth/login", json_body={"email": email, "password": password})
        if r.status != 200:
            raise RuntimeError(f"login {email}: {r.status} {r.short()}")
        return r.json()["token"]

    # ------------------------------------------------------------ residents

    def register(self, email, district="north"):
        r = self.api.post("/api/v1/auth/register", json_body={
            "display_name": "Resident", "email": email, "password": PASSWORD,
            "birth_year": "1980", "district": district})
        if r.status not in (200, 201, 202):
            raise RuntimeError(f"register {email}: {r.status} {r.short()}")
        return r.status

    def page_login(self, email, password=PASSWORD):
        """A browser logged in through the /login page form."""
        b = self.srv.client()
        r = b.submit("/login", "/login", {"email": email, "password": password})
        return b, r

    # ------------------------------------------------------------ rounds

    def create_round(self, settings):
        now = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
        f = lambda days: (now + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")
        cfg = {
            "title": "Issue 16", "total_budget": "5000", "districts": "north=1000\nsouth=1000",
            "ballot_type": "approval", "min_choices": "1", "max_choices": "2", "rule": "greedy",
            "proposals_open_at": f(10), "review_at": f(20), "voting_open_at": f(30),
            "voting_close_at": f(40), "residence": "self-declared",
        }
        cfg.update(settings)
        r = self.api.post("/api/v1/rounds", json_body=cfg, token=self.council)
        if r.status != 201:
            raise RuntimeError(f"create round: {r.status} {r.short()}")
        return r.json()["id"]

    def advance(self, rid, why):
        r = self.api.post(f"/api/v1/rounds/{rid}/advance", json_body={"reason": why}, token=self.council)
        if r.status != 200:
            raise RuntimeError(f"advance round {rid}: {r.status} {r.short()}")
        return r.json()

    def round_to_voting(self, settings, census_csv=None, n_projects=1, before_voting=None):
        """A round taken through proposals and review to voting, with feasible projects in north.
        Returns (round id, [project ids])."""
        rid = self.create_round(settings)
        self.advance(rid, "open proposals now")
        # The proposer is a resident; in a census round they are on the census and matched first.
        proposer = "proposer@example.org"
        self.register(proposer)
        ptoken = self.login(proposer, PASSWORD)
        if census_csv is not None:
            full = census_csv.rstrip("\n") + "\nPROP-0001,1980,north\n"
            r = self.api.request("PUT", f"/api/v1/rounds/{rid}/census", data=full,
                                 content_type="text/csv", token=self.council)
            if r.status != 200:
                raise RuntimeError(f"census import: {r.status} {r.short()}")
            pb, _ = self.page_login(proposer)
            r = self.census_match(pb, rid, "PROP-0001")
            if r.status not in (200, 303):
                raise RuntimeError(f"proposer census match: {r.status} {page_message(r.text)}")
        pids = []
        for i in range(n_projects):
            r = self.api.post(f"/api/v1/rounds/{rid}/proposals", token=ptoken, json_body={
                "title": f"Benches {i + 1}", "description": "New benches along the river path, twenty of them.",
                "estimated_cost": "100", "district": "north"})
            if r.status != 201 and r.status != 200:
                raise RuntimeError(f"proposal: {r.status} {r.short()}")
            pids.append(r.json()["id"])
        self.advance(rid, "review now")
        for pid in pids:
            r = self.api.post(f"/api/v1/proposals/{pid}/review", token=self.reviewer, json_body={
                "decision": "feasible", "reason": "Checked by the parks department.", "validated_cost": "100"})
            if r.status != 200:
                raise RuntimeError(f"review: {r.status} {r.short()}")
        extra = before_voting(rid) if before_voting else None
        self.advance(rid, "voting opens now")
        return rid, pids, extra

    def vote(self, rid, projects, token=None, code=None):
        body = {"projects": projects}
        if code:
            body["voting_code"] = code
        return Client(self.srv.base).post(f"/api/v1/rounds/{rid}/ballots", json_body=body, token=token)

    def board(self, rid):
        r = self.api.get(f"/api/v1/rounds/{rid}/bulletin")
        return r

    def census_match(self, browser, rid, document, year="1980"):
        return browser.submit(f"/rounds/{rid}", f"/rounds/{rid}/census-match",
                              {"document_number": document, "birth_year": year})


def close_and_count(e, rid):
    """Close voting now and count: the number of ballots the count takes."""
    e.advance(rid, "voting closes now")
    r = e.api.post(f"/api/v1/rounds/{rid}/count", token=e.council)
    j = r.json()
    n = j.get("ballots") if isinstance(j, dict) else None
    say(f"  close voting and POST /count -> {r.status}; ballots counted: {n}")


def board_entries(resp):
    j = resp.json()
    if isinstance(j, dict):
        for k in ("entries", "ballots", "board"):
            if isinstance(j.get(k), list):
                return j[k]
    if isinstance(j, list):
        return j
    return []


def page_message(html):
    """The visible error/notice text of a page, briefly."""
    msgs = re.findall(r'<(?:p|div|li|span)[^>]*class="[^"]*(?:error|alert|notice|flash)[^"]*"[^>]*>(.*?)</(?:p|div|li|span)>', html, re.S)
    msgs = [re.sub(r"<[^>]+>", "", m).strip() for m in msgs]
    msgs = [re.sub(r"\s+", " ", m) for m in msgs if m]
    return msgs[:3]


# ---------------------------------------------------------------- scenarios


def s1_delete_and_register_again(e):
    say("Scenario 1: census round, final ballots; delete the account, register again, vote again")
    doc = "ID-0001"
    rid, pids, _ = e.round_to_voting(
        {"requires_census": "on", "residence": "verified", "revote_policy": "final"},
        census_csv=f"document_number,birth_year,district\n{doc},1980,north\n")
    email = "attacker@example.org"
    e.register(email)
    b, r = e.page_login(email)
    say(f"  first account: page login -> {r.status}")
    r = e.census_match(b, rid, doc)
    say(f"  census match (first account) -> {r.status} {r.headers.get('Location') or ''}")
    token = e.login(email, PASSWORD)
    r = e.vote(rid, pids, token=token)
    say(f"  vote (first account) -> {r.status} {r.short(160)}")
    r = e.api.request("DELETE", "/api/v1/me", json_body={"password": PASSWORD}, token=token)
    say(f"  DELETE /api/v1/me -> {r.status}")
    st = e.register(email)
    say(f"  register again with the same email -> {st}")
    b2, r = e.page_login(email)
    say(f"  second account: page login -> {r.status}")
    r = e.census_match(b2, rid, doc)
    m = re.search(r"[^<>]*already voted[^<>]*", r.text)
    msg = m.group(0).strip() if m else ""
    say(f"  census match (second account, same census entry) -> {r.status} {r.headers.get('Location') or ''}"
        f" {('page says: ' + msg) if msg else ' '.join(page_message(r.text))}")
    token2 = e.login(email, PASSWORD)
    r = e.vote(rid, pids, token=token2)
    say(f"  vote (second account) -> {r.status} {r.short(200)}")
    entries = board_entries(e.board(rid))
    say(f"  bulletin board entries after: {len(entries)}")
    close_and_count(e, rid)


def s2_account_and_code(e):
    say("Scenario 2: a round with accounts and voting codes; one person votes with both")
    doc = "ID-0002"
    census = f"document_number,birth_year,district\n{doc},1980,north\n"
    if e.new:
        settings = {"requires_census": "on", "residence": "verified", "voting_channels": "accounts-and-codes"}
    else:
        settings = {"requires_census": "on", "residence": "verified", "voting_codes": "on"}

    def issue_codes(rid):
        if e.new:
            r = e.api.post(f"/api/v1/rounds/{rid}/voting-codes/from-census", data=census,
                           content_type="text/csv", token=e.council)
            say(f"  POST voting-codes/from-census -> {r.status}")
            lines = r.text.strip().splitlines()
            header = lines[0].split(",")
            row = lines[1].split(",")
            return row[header.index("code")]
        r = e.api.post(f"/api/v1/rounds/{rid}/voting-codes", json_body={"count": 1, "district": "north"},
                       token=e.council)
        say(f"  POST voting-codes -> {r.status}")
        return r.json()["codes"][0]

    rid, pids, code = e.round_to_voting(settings, census_csv=census, before_voting=issue_codes)
    say(f"  the person's mailed code: {code}")
    email = "both@example.org"
    e.register(email)
    b, r = e.page_login(email)
    r = e.census_match(b, rid, doc)
    say(f"  census match -> {r.status} {r.headers.get('Location') or ''}")
    token = e.login(email, PASSWORD)
    r = e.vote(rid, pids, token=token)
    say(f"  vote with the account -> {r.status} {r.short(160)}")
    r = e.vote(rid, pids, code=code)
    say(f"  vote with the code (no session) -> {r.status} {r.short(200)}")
    entries = board_entries(e.board(rid))
    say(f"  bulletin board entries after: {len(entries)}")
    close_and_count(e, rid)


def s3_other_secret_key(e):
    say("Scenario 3: a second server on the same SQLite file with a different --secret-key")
    r = e.api.get("/readyz")
    say(f"  first server  /readyz -> {r.status} {r.short(200)}")
    other = "ab" * 32
    s2 = e.start_server(secret=other, name="other-key")
    c = s2.client()
    r = c.get("/readyz")
    say(f"  second server /readyz -> {r.status} {r.short(300)}")
    r = c.get("/api/v1/rounds")
    say(f"  second server GET /api/v1/rounds -> {r.status} {r.short(160)}")
    r = c.post("/api/v1/auth/login", json_body={"email": "council@example.org", "password": e.council_password})
    say(f"  second server council login -> {r.status} {r.short(120)}")


def s4_logout_replay(e):
    say("Scenario 4: log out through the page, then replay the old session cookie")
    email = "lo@example.org"
    e.register(email, district="")  # no round yet, so no districts
    b, r = e.page_login(email)
    session = None
    for c in r.set_cookies():
        if c.startswith("bb_session="):
            session = c.split(";")[0][len("bb_session="):]
    say(f"  page login -> {r.status}; bb_session cookie captured: {bool(session)}")
    r = Client(e.srv.base).get("/api/v1/me", headers={"Cookie": f"bb_session={session}"}, cookies=False)
    say(f"  GET /api/v1/me with the cookie before logout -> {r.status}")
    r = b.submit("/account", "/logout", {})
    say(f"  POST /logout -> {r.status} {r.headers.get('Location') or ''}")
    r = Client(e.srv.base).get("/api/v1/me", headers={"Cookie": f"bb_session={session}"}, cookies=False)
    say(f"  GET /api/v1/me replaying the old cookie after logout -> {r.status} {r.short(160)}")


def s5_bulletin_content(e):
    say("Scenario 5: the bulletin board JSON during voting")
    rid, pids, _ = e.round_to_voting({}, n_projects=2)
    e.register("v5@example.org")
    token = e.login("v5@example.org", PASSWORD)
    r = e.vote(rid, [pids[1]], token=token)
    say(f"  vote -> {r.status}")
    r = e.board(rid)
    entries = board_entries(r)
    say(f"  GET bulletin -> {r.status}; {len(entries)} entries")
    for en in entries:
        say(f"  entry: content={json.dumps(en.get('content'))}  (keys: {sorted(en.keys())})")


def s6_proposal_author(e):
    say("Scenario 6: GET /api/v1/proposals/{id} and the author's account id")
    rid, pids, _ = e.round_to_voting({})
    r = e.api.get(f"/api/v1/proposals/{pids[0]}")
    j = r.json() or {}
    say(f"  GET /api/v1/proposals/{pids[0]} -> {r.status}; 'author_id' in JSON: {'author_id' in j}"
        + (f" (author_id={j['author_id']})" if "author_id" in j else ""))
    say(f"  keys: {sorted(j.keys())}")


def s7_receipt_in_log(e):
    say("Scenario 7: a receipt lookup and the server log (LOG=info)")
    r = e.api.get(f"/api/v1/receipts/{RECEIPT_PROBE}")
    say(f"  GET /api/v1/receipts/{RECEIPT_PROBE} -> {r.status}")
    time.sleep(0.5)
    log = e.srv.log()
    lines = [l for l in log.splitlines() if RECEIPT_PROBE in l]
    say(f"  log lines containing {RECEIPT_PROBE}: {len(lines)}")
    for l in lines[:3]:
        say("    " + re.sub(r"\x1b\[[0-9;]*m", "", l)[:300])
    rl = [re.sub(r"\x1b\[[0-9;]*m", "", l) for l in log.splitlines() if "/receipts/" in l]
    for l in rl[:3]:
        if RECEIPT_PROBE not in l:
            say("    log line for the request: " + l[:300])


def code_hash(code):
    n = "".join(c.upper() for c in code if c.isascii() and c.isalnum())
    return hashlib.sha256(("budgetbox/voting-code/v1\n" + n).encode()).hexdigest()


def s8_codes_at_rest(e):
    say("Scenario 8: a copy of the SQLite file after voting with codes; voting_codes columns")
    # NEW: plain codes are for code-only rounds, where accounts cannot propose; so, as in
    # scenario 2, a census round voted with accounts and codes, codes issued from the census.
    census = "document_number,birth_year,district\nID-0081,1980,north\nID-0082,1980,north\nID-0083,1980,north\n"
    if e.new:
        settings = {"requires_census": "on", "residence": "verified", "voting_channels": "accounts-and-codes"}
    else:
        settings = {"voting_codes": "on"}

    def issue(rid):
        if e.new:
            r = e.api.post(f"/api/v1/rounds/{rid}/voting-codes/from-census", data=census,
                           content_type="text/csv", token=e.council)
            if r.status != 201:
                raise RuntimeError(f"voting-codes/from-census: {r.status} {r.short()}")
            lines = r.text.strip().splitlines()
            k = lines[0].split(",").index("code")
            return [l.split(",")[k] for l in lines[1:]]
        r = e.api.post(f"/api/v1/rounds/{rid}/voting-codes", json_body={"count": 3, "district": "north"},
                       token=e.council)
        if r.status != 201:
            raise RuntimeError(f"voting-codes: {r.status} {r.short()}")
        return r.json()["codes"]

    rid, pids, codes = e.round_to_voting(settings, census_csv=census if e.new else None, n_projects=2,
                                         before_voting=issue)
    choices = [[pids[0]], [pids[1]], [pids[0], pids[1]]]
    order = [2, 0, 1]  # cast in this order, a second apart
    for i in order:
        r = e.vote(rid, choices[i], code=codes[i])
        say(f"  code {codes[i]} votes {choices[i]} -> {r.status}")
        time.sleep(1.1)
    copydir = tempfile.mkdtemp(prefix="bb16-copy-", dir=e.dir)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(e.db + suffix):
            shutil.copy(e.db + suffix, os.path.join(copydir, "copy.sqlite" + suffix))
    con = sqlite3.connect(os.path.join(copydir, "copy.sqlite"))
    cols = [row[1] for row in con.execute("PRAGMA table_info(voting_codes)")]
    say(f"  voting_codes columns in the copy: {cols}")
    if "used_at" in cols:
        rows = con.execute("SELECT code_hash, used_at FROM voting_codes WHERE round_id=? AND used_at IS NOT NULL "
                           "ORDER BY used_at", (rid,)).fetchall()
        by_hash = {code_hash(c): c for c in codes}
        bcols = [row[1] for row in con.execute("PRAGMA table_info(ballots)")]
        ballots = con.execute(f"SELECT seq, content FROM ballots WHERE round_id=? ORDER BY seq", (rid,)).fetchall() \
            if "content" in bcols else []
        say("  codes ordered by used_at, joined to ballots ordered by seq (attacker who holds the code list):")
        for k, (h, used) in enumerate(rows):
            code = by_hash.get(h, "?")
            ballot = ballots[k] if k < len(ballots) else None
            say(f"    used_at={used}  code={code}  -> ballot seq={ballot[0] if ballot else '?'} "
                f"content={ballot[1] if ballot else '?'}  (this code actually voted {choices[codes.index(code)] if code in codes else '?'})")
    else:
        say("  no used_at column: the copy holds no time of use for codes")
    con.close()


SCENARIOS = [
    (1, s1_delete_and_register_again),
    (2, s2_account_and_code),
    (3, s3_other_secret_key),
    (4, s4_logout_replay),
    (5, s5_bulletin_content),
    (6, s6_proposal_author),
    (7, s7_receipt_in_log),
    (8, s8_codes_at_rest),
]


def main():
    global KEEP
    ap = argparse.ArgumentParser()
    ap.add_argument("binaries", nargs="+")
    ap.add_argument("--only", default="")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    KEEP = args.keep
    only = {int(x) for x in args.only.split(",") if x}
    for binary in args.binaries:
        say("=" * 78)
        say(f"BINARY {binary}")
        for n, fn in SCENARIOS:
            if only and n not in only:
                continue
            say("-" * 78)
            e = None
            try:
                e = Env(binary, f"s{n}")
                say(f"[{'new' if e.new else 'old'} API detected; data dir {e.dir}]")
                fn(e)
            except Exception as ex:
                say(f"  SCENARIO {n} ERROR: {type(ex).__name__}: {ex}")
            finally:
                if e:
                    e.close()
    say("=" * 78)


if __name__ == "__main__":
    main()
