#!/usr/bin/env python3
"""Prints a JSON summary of everything the running services hold, to compare a store before backup and after restore.

Usage: scripts/store-check.py LICENCE_URL SEAL_URL > summary.json
Licences are found through the transparency log (every issuance is logged); each licence's PDF is downloaded and
verified (POST /api/v1/verifications); seals with their events, usage logs and SESeal digests are listed.
"""
import base64, hashlib, json, sys, urllib.parse, urllib.request, uuid, urllib.error


def call(method, url, tok=None, data=None, ctype=None, timeout=120):
    h = {}
    if tok:
        h["Authorization"] = "Bearer " + tok
    if ctype:
        h["Content-Type"] = ctype
    req = urllib.request.Request(url, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def token(base, client, secret, scope):
    data = urllib.parse.urlencode({"grant_type": "client_credentials", "scope": scope}).encode()
    auth = base64.b64encode(f"{client}:{secret}".encode()).decode()
    req = urllib.request.Request(base + "/oauth2/token", data=data, headers={"Authorization": "Basic " + auth})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())["access_token"]


def main(L, S):
    tok = token(L, "approval-demo", "approval-demo-secret", "licence:issue licence:read")
    admin = token(L, "seal-admin-demo", "seal-admin-secret", "seal:admin seal:read")
    head = json.loads(call("GET", L + "/api/v1/transparency/tree-head")[1])
    licences = {}
    for i in range(head["treeSize"]):
        e = json.loads(call("GET", f"{L}/api/v1/transparency/entries/{i}")[1])
        ident = e["identifier"]
        st, meta = call("GET", f"{L}/api/v1/licences/{ident}", tok)
        st2, pdf = call("GET", f"{L}/api/v1/licences/{ident}/pdf", tok)
        b = uuid.uuid4().hex
        body = (f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.pdf\"\r\n"
                f"Content-Type: application/pdf\r\n\r\n").encode() + pdf + f"\r\n--{b}--\r\n".encode()
        st3, rep = call("POST", L + "/api/v1/verifications", data=body, ctype=f"multipart/form-data; boundary={b}")
        licences[ident] = {"leaf": e["leafHash"], "get": st, "status": json.loads(meta).get("status") if st == 200 else None,
                           "pdfSha256": hashlib.sha256(pdf).hexdigest() if st2 == 200 else None,
                           "logged": [d["sha256"] for d in e["documents"]],
                           "indication": json.loads(rep).get("indication") if st3 == 200 else st3}
    seals = {}
    for s in json.loads(call("GET", S + "/api/v1/seals", admin)[1]):
        sid = s["id"]
        events = json.loads(call("GET", f"{S}/api/v1/seals/{sid}/events", admin)[1])
        usages = json.loads(call("GET", f"{S}/api/v1/seals/{sid}/usages?limit=1000", admin)[1])
        st, seseal = call("GET", f"{S}/api/v1/seals/{sid}/seseal", admin)
        seals[sid] = {"state": s["state"], "events": events, "usages": len(usages),
                      "usageDigests": hashlib.sha256(json.dumps(usages, sort_keys=True).encode()).hexdigest(),
                      "seseal": hashlib.sha256(seseal).hexdigest() if st == 200 else st}
    passed = sum(1 for v in licences.values() if v["indication"] == "TOTAL_PASSED")
    print(json.dumps({"treeSize": head["treeSize"], "rootHash": head["rootHash"], "licences": len(licences),
                      "totalPassed": passed, "seals": len(seals), "licenceDetails": licences, "sealDetails": seals},
                     ensure_ascii=False, indent=1, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
