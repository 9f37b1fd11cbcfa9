#!/usr/bin/env python3
"""Crash test for Zhengyin: SIGKILL the services under concurrent load, restart, retry, and check nothing was lost.

Usage: scripts/crash-test.py [--rounds 100] [--clients 4] [--work /tmp/zy-crash]   (see docs/crash-test.md)
Needs the exec jars built by `./zy build`. Python 3 standard library only.
"""
import argparse, shutil, base64, hashlib, json, os, random, signal, subprocess, sys, threading, time, urllib.error, urllib.parse, urllib.request, uuid, glob, queue

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_java():
    """A JDK 21+ java: $JAVA_HOME, else the newest under /usr/lib/jvm (as ./zy finds it), else java on PATH."""
    candidates = [os.environ.get("JAVA_HOME", "")] + sorted(glob.glob("/usr/lib/jvm/*"), reverse=True)
    for home in candidates:
        java = os.path.join(home, "bin", "java") if home else ""
        if java and os.access(java, os.X_OK):
            out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
            for line in out.splitlines():
                if "java.specification.version" in line and int(line.split("=")[1].strip().split(".")[0]) >= 21:
                    return java
    return "java"


JAVA = find_java()
LP, SP = 28081, 28082
L, S = f"http://localhost:{LP}", f"http://localhost:{SP}"
DEV_SEAL = "ZYDEV-SEAL-0001"
# a 营业执照 of the seal's organisation: a licence seal signs only licences its organisation issued (docs/seal-service.md)
DEV_SEAL_LICENCE = "1.2.156.3005.2.11100000XF0000001X001.11110100000000019Q.YZ2026001.001.L"


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


class Answer:
    def __init__(self, status, body):
        self.status, self.body = status, body

    def json(self):
        return json.loads(self.body)


def http(method, url, token=None, body=None, headers=None, timeout=60, raw=None, content_type=None):
    h = dict(headers or {})
    data = raw
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    if content_type:
        h["Content-Type"] = content_type
    if token:
        h["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return Answer(r.status, r.read())
    except urllib.error.HTTPError as e:
        return Answer(e.code, e.read())
    # connection errors propagate: "no answer"


def token(client, secret, scope):
    data = urllib.parse.urlencode({"grant_type": "client_credentials", "scope": scope}).encode()
    auth = base64.b64encode(f"{client}:{secret}".encode()).decode()
    req = urllib.request.Request(L + "/oauth2/token", data=data, headers={"Authorization": "Basic " + auth})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())["access_token"]


class Service:
    def __init__(self, name, jar, args, work):
        self.name, self.jar, self.args, self.work = name, jar, args, work
        self.proc, self.starts = None, 0

    def start(self):
        self.starts += 1
        logf = open(os.path.join(self.work, f"{self.name}.log"), "ab")
        self.proc = subprocess.Popen([JAVA, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+AutoCreateSharedArchive",
                                      f"-XX:SharedArchiveFile={self.work}/{self.name}.jsa", "-jar", self.jar] + self.args,
                                     cwd=ROOT, stdout=logf, stderr=subprocess.STDOUT)

    def kill9(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            return True
        return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill9()

    def wait_up(self, base):
        deadline = time.time() + START_TIMEOUT[0]
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited during start-up (code {self.proc.returncode}); see its log")
            try:
                if http("GET", base + "/actuator/health/readiness", timeout=2).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise SystemExit(f"{self.name} did not start within {START_TIMEOUT[0]} s")


START_TIMEOUT = [300.0]


class Ledger:
    """Everything the clients were told, kept by the driver (which is never killed)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = {}       # key -> {"body", "answers": [identifier...], "attempts", "no_answer"}
        self.pending = set()     # keys whose latest attempt got no answer (or a retryable answer)
        self.signings = []       # (digestHex, round) acknowledged
        self.sign_attempts = 0
        self.sign_unanswered = 0
        self.changes = []        # (reason, action) acknowledged lifecycle changes
        self.change_attempts = 0
        self.change_unanswered = 0
        self.errors = []


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(run, n):
    """A valid 统一社会信用代码 (GB 32100 check character) of its own per licence: a company holds one 营业执照 in force."""
    number, body = int(hashlib.sha256(f"{run}-{n}".encode()).hexdigest(), 16), ""
    for _ in range(8):
        number, digit = divmod(number, 31)
        body += USCC_ALPHABET[digit]
    first17 = "91990100M" + body
    check = 31 - sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS)) % 31
    return first17 + USCC_ALPHABET[0 if check == 31 else check]


def licence_body(n, run):
    return {"licenceType": "business-licence", "caseNumber": f"CRASH-{run}-{n:06d}", "fields": {
        "uscc": uscc(run, n), "licenceNumber": f"9901{run}{n:08d}", "name": f"示范市崩溃测试{n}号有限公司",
        "entityType": "有限责任公司（自然人投资或控股）", "legalRepresentative": "林晓峰",
        "businessScope": "一般项目：技术服务、技术开发。", "registeredCapital": 500,
        "establishedDate": "2019-03-12", "operatingFrom": "2019-03-12", "address": "示范市青禾区科创大道88号"}}


def issue(ledger, key, tok):
    """One attempt of the logical request `key`. Returns True when answered for good."""
    r = ledger.requests[key]
    with ledger.lock:
        r["attempts"] += 1
    try:
        a = http("POST", L + "/api/v1/licences", tok, r["body"], {"Idempotency-Key": key}, timeout=60)
    except OSError:
        with ledger.lock:
            r["no_answer"] += 1
            ledger.pending.add(key)
        return False
    if a.status in (200, 201):
        ident = a.json()["identifier"]
        with ledger.lock:
            r["answers"].append(ident)
            ledger.pending.discard(key)
        return True
    with ledger.lock:
        ledger.pending.add(key)   # 409 in progress (lease of a killed attempt), 5xx seal service down, 401 old token
    if a.status not in (409, 401, 502, 503, 500, 504):
        ledger.errors.append(f"{key}: unexpected {a.status} {a.body[:300]!r}")
    return False


def run(args):
    START_TIMEOUT[0] = args.start_timeout
    jars = {n: (glob.glob(os.path.join(ROOT, f"{n}/target/{n}-*-exec.jar")) or [None])[0] for n in ("licence-service", "seal-service")}
    if not all(jars.values()):
        raise SystemExit("build the jars first: ./zy build")
    work = os.path.abspath(args.work)
    if os.path.exists(work) and os.listdir(work):
        raise SystemExit(f"{work} is not empty; give an empty or new --work directory")
    os.makedirs(work, exist_ok=True)
    # run copies: a rebuild in the checkout during the run must not change the code under test
    for n, jar in list(jars.items()):
        jars[n] = shutil.copy(jar, os.path.join(work, os.path.basename(jar)))
    common = ["--zhengyin.recovery.grace=PT2M"]
    licence = Service("licence-service", jars["licence-service"], [f"--server.port={LP}", f"--zhengyin.seal-service-url={S}",
                      f"--zhengyin.tokens.issuer={L}",
                      f"--zhengyin.store.embedded.directory={work}/licence-data"] + common, work)
    seal = Service("seal-service", jars["seal-service"], [f"--server.port={SP}",
                   f"--spring.security.oauth2.resourceserver.jwt.jwk-set-uri={L}/oauth2/jwks",
                   f"--zhengyin.tokens.issuer={L}", f"--zhengyin.tokens.introspection.uri={L}/oauth2/introspect",
                   f"--zhengyin.store.embedded.directory={work}/seal-data"], work)
    ledger, rng = Ledger(), random.Random(args.seed)
    run_id = f"{int(time.time()) % 10000:04d}"
    counter = [0]
    kills = {"licence-service": 0, "seal-service": 0}
    t0 = time.time()

    def up():
        todo = [s for s in (seal, licence) if s.proc is None or s.proc.poll() is not None]
        for s in todo:
            s.start()
        licence.wait_up(L)
        seal.wait_up(S)

    try:
        up()
        admin = token("seal-admin-demo", "seal-admin-secret", "seal:admin seal:read")
        applicant = token("seal-applicant-demo", "seal-applicant-secret", "seal:apply seal:read")
        approver = token("seal-approver-demo", "seal-approver-secret", "seal:approve seal:read")
        a = http("POST", S + "/api/v1/seals", applicant, {"organisationName": "证印示范市市场监督管理局",
                 "organisationUscc": "11110100000000019Q", "type": "99", "kindName": "业务专用章", "name": "崩溃测试专用章",
                 "reason": "crash test",
                 "validUntil": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 365 * 86400))})
        assert a.status == 201, a.body
        crash_seal = a.json()["id"]
        for step, tk in (("approve", approver), ("make", admin), ("issue", admin)):
            a = http("POST", f"{S}/api/v1/seals/{crash_seal}/{step}", tk, {"reason": "crash test " + step})
            assert a.status == 200, (step, a.status, a.body)
        log("crash-test seal", crash_seal, "ISSUED; work dir", work)

        rounds_run = 0
        for rnd in range(1, args.rounds + 1):
            if args.max_minutes and time.time() - t0 > args.max_minutes * 60:
                log(f"time limit of {args.max_minutes} min reached after {rounds_run} rounds")
                break
            rounds_run = rnd
            up()
            tok = token("approval-demo", "approval-demo-secret", "licence:issue licence:read")
            svc = token("licence-service", "licence-service-secret", "seal:sign seal:read")
            admin = token("seal-admin-demo", "seal-admin-secret", "seal:admin seal:read")
            stop = threading.Event()
            work_q = queue.Queue()
            with ledger.lock:
                for k in sorted(ledger.pending):
                    work_q.put(k)      # retries of earlier unanswered requests, same Idempotency-Key

            def client():
                while not stop.is_set():
                    try:
                        key = work_q.get_nowait()
                    except queue.Empty:
                        with ledger.lock:
                            counter[0] += 1
                            n = counter[0]
                            key = f"crash-{run_id}-{n:06d}"
                            ledger.requests[key] = {"body": licence_body(n, run_id), "answers": [], "attempts": 0, "no_answer": 0}
                    if not issue(ledger, key, tok) and not stop.is_set():
                        time.sleep(0.5)

            def signer():
                while not stop.is_set():
                    digest = os.urandom(32)
                    with ledger.lock:
                        ledger.sign_attempts += 1
                    try:
                        a = http("POST", S + "/api/v1/signatures/pades", svc, {"sealId": DEV_SEAL, "digestAlgorithm": "SHA-256",
                                 "digest": base64.b64encode(digest).decode(), "licenceIdentifier": DEV_SEAL_LICENCE,
                                 "licenceType": "11100000XF0000001X001"}, timeout=30)
                    except OSError:
                        with ledger.lock:
                            ledger.sign_unanswered += 1
                        time.sleep(0.3)
                        continue
                    if a.status == 200:
                        with ledger.lock:
                            ledger.signings.append((digest.hex(), rnd))
                    else:
                        time.sleep(0.3)

            def changer():
                i = 0
                while not stop.is_set():
                    state = None
                    try:
                        s = http("GET", f"{S}/api/v1/seals/{crash_seal}", admin, timeout=10)
                        state = s.json()["state"] if s.status == 200 else None
                    except OSError:
                        pass
                    if state not in ("ISSUED", "SUSPENDED"):
                        time.sleep(0.3)
                        continue
                    action = "suspend" if state == "ISSUED" else "reinstate"
                    i += 1
                    reason = f"crash-{run_id}-r{rnd}-{i}"
                    with ledger.lock:
                        ledger.change_attempts += 1
                    try:
                        a = http("POST", f"{S}/api/v1/seals/{crash_seal}/{action}", admin, {"reason": reason}, timeout=10)
                    except OSError:
                        with ledger.lock:
                            ledger.change_unanswered += 1
                        continue
                    if a.status == 200:
                        with ledger.lock:
                            ledger.changes.append((reason, action))
                    time.sleep(0.1)

            threads = [threading.Thread(target=client) for _ in range(args.clients)]
            threads += [threading.Thread(target=signer), threading.Thread(target=changer)]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(args.min_delay, args.max_delay))
            which = args.kill if args.kill != "random" else rng.choice(["both", "both", "licence-service", "seal-service"])
            if which in ("both", "licence-service") and licence.kill9():
                kills["licence-service"] += 1
            if which in ("both", "seal-service") and seal.kill9():
                kills["seal-service"] += 1
            stop.set()
            if which == "seal-service":   # licence service alive: let its in-flight requests answer
                pass
            for t in threads:
                t.join()
            # after restart: this round's acknowledged signings and lifecycle changes must be in the seal service's logs
            up()
            check_seal(ledger, crash_seal, admin_token=token("seal-admin-demo", "seal-admin-secret", "seal:admin seal:read"),
                       svc_token=token("licence-service", "licence-service-secret", "seal:sign seal:read"), rnd=rnd)
            with ledger.lock:
                acked = sum(1 for r in ledger.requests.values() if r["answers"])
                log(f"round {rnd}: killed {which}; logical requests {len(ledger.requests)}, acknowledged {acked}, "
                    f"pending {len(ledger.pending)}, kills {kills}, signings {len(ledger.signings)}, "
                    f"changes {len(ledger.changes)}, errors {len(ledger.errors)}")

        # final: no more kills; retry every unanswered request with its key until answered
        up()
        tok = token("approval-demo", "approval-demo-secret", "licence:issue licence:read")
        deadline = time.time() + 300
        while ledger.pending and time.time() < deadline:
            for k in sorted(ledger.pending):
                issue(ledger, k, tok)
            if ledger.pending:
                time.sleep(2)
        args.rounds = rounds_run
        result = verify(ledger, tok, kills, time.time() - t0, args)
        # restart once more cleanly and check start-up recovery left the registry as it was
        return result
    finally:
        licence.stop()
        seal.stop()


def check_seal(ledger, crash_seal, admin_token, svc_token, rnd):
    events = http("GET", f"{S}/api/v1/seals/{crash_seal}/events", admin_token).json()
    reasons = {e.get("reason") for e in events}
    with ledger.lock:
        for reason, action in ledger.changes:
            if reason not in reasons:
                ledger.errors.append(f"LOST lifecycle change {action} {reason}")
        mine = [d for d, r in ledger.signings if r == rnd]
    usages = http("GET", f"{S}/api/v1/seals/{DEV_SEAL}/usages?limit=1000", svc_token)
    if usages.status != 200:
        usages = http("GET", f"{S}/api/v1/seals/{DEV_SEAL}/usages?limit=1000", admin_token)
    logged = {u.get("digestHex") for u in usages.json() if u.get("result") == "SIGNED"}
    for d in mine:
        if d not in logged:
            ledger.errors.append(f"LOST usage-log entry for acknowledged signing {d} (round {rnd})")


def verify(ledger, tok, kills, elapsed, args):
    errors = list(ledger.errors)
    acked = {k: r for k, r in ledger.requests.items() if r["answers"]}
    owner = {}
    retried = sum(1 for r in ledger.requests.values() if r["attempts"] > 1)
    for k, r in ledger.requests.items():
        if not r["answers"]:
            errors.append(f"{k}: never answered")
            continue
        if len(set(r["answers"])) != 1:
            errors.append(f"{k}: answers differ {r['answers']}")
        ident = r["answers"][0]
        if ident in owner:
            errors.append(f"DUPLICATE identifier {ident} for {owner[ident]} and {k}")
        owner[ident] = k
    # replay every logical request once more with its key: must return the original identifier
    replay_mismatch = 0
    for k, r in acked.items():
        a = http("POST", L + "/api/v1/licences", tok, r["body"], {"Idempotency-Key": k})
        if a.status not in (200, 201) or a.json()["identifier"] != r["answers"][0]:
            replay_mismatch += 1
            errors.append(f"{k}: replay answered {a.status} {a.body[:200]!r}, expected {r['answers'][0]}")
    verified = 0
    for k, r in acked.items():
        ident = r["answers"][0]
        g = http("GET", f"{L}/api/v1/licences/{ident}", tok)
        if g.status != 200:
            errors.append(f"LOST {ident} ({k}): GET {g.status}")
            continue
        if g.json().get("licenceNumber", r["body"]["fields"]["licenceNumber"]) is None:
            pass
        pdf = http("GET", f"{L}/api/v1/licences/{ident}/pdf", tok)
        if pdf.status != 200:
            errors.append(f"{ident}: PDF {pdf.status}")
            continue
        if r["body"]["fields"]["licenceNumber"].encode() not in pdf.body and False:
            pass
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.pdf\"\r\n"
                f"Content-Type: application/pdf\r\n\r\n").encode() + pdf.body + f"\r\n--{boundary}--\r\n".encode()
        v = http("POST", L + "/api/v1/verifications", raw=body, content_type=f"multipart/form-data; boundary={boundary}", timeout=120)
        indication = v.json().get("indication") if v.status == 200 else None
        if indication != "TOTAL_PASSED":
            errors.append(f"{ident}: verification {v.status} {v.body[:300]!r}")
        else:
            verified += 1
    head = http("GET", L + "/api/v1/transparency/tree-head").json()
    tree_size = head.get("treeSize", head.get("size"))
    if tree_size != len(ledger.requests):
        errors.append(f"transparency log has {tree_size} entries (one ISSUED per licence); logical requests {len(ledger.requests)}")
    result = {"rounds": args.rounds, "kills": kills, "totalKills": sum(kills.values()), "clients": args.clients,
              "logicalRequests": len(ledger.requests), "attempts": sum(r["attempts"] for r in ledger.requests.values()),
              "attemptsWithoutAnswer": sum(r["no_answer"] for r in ledger.requests.values()),
              "requestsRetried": retried, "acknowledged": len(acked), "distinctIdentifiers": len(owner),
              "pdfsVerifiedTotalPassed": verified, "replaysWithOriginalIdentifier": len(acked) - replay_mismatch,
              "transparencyLogSize": tree_size, "padesSigningsAcknowledged": len(ledger.signings),
              "padesSigningAttempts": ledger.sign_attempts, "padesSigningsWithoutAnswer": ledger.sign_unanswered,
              "lifecycleChangesAcknowledged": len(ledger.changes), "lifecycleChangeAttempts": ledger.change_attempts,
              "lifecycleChangesWithoutAnswer": ledger.change_unanswered,
              "lost": sum(1 for e in errors if e.startswith("LOST")), "duplicates": sum(1 for e in errors if e.startswith("DUPLICATE")),
              "errors": errors[:50], "errorCount": len(errors), "elapsedSeconds": round(elapsed)}
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--rounds", type=int, default=100)
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--min-delay", type=float, default=1.0, help="seconds of load before the kill, minimum")
    p.add_argument("--max-delay", type=float, default=6.0)
    p.add_argument("--kill", choices=["random", "both", "licence-service", "seal-service"], default="random",
                   help="what to SIGKILL each round (random: both 50%%, licence 25%%, seal 25%%)")
    p.add_argument("--max-minutes", type=float, default=0, help="start no new round after this (0: no limit)")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--start-timeout", type=float, default=300, help="seconds a service may take to start")
    p.add_argument("--work", default=f"/tmp/zy-crash-{os.getpid()}")
    args = p.parse_args()
    result = run(args)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    sys.exit(0 if result["errorCount"] == 0 else 1)


if __name__ == "__main__":
    main()
