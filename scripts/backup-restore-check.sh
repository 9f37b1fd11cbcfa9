#!/usr/bin/env bash
# Backs up both services' embedded stores, restores them into fresh stores, starts the services on the copies and
# checks that everything is there and verifies: see docs/backup-restore.md.
#   scripts/backup-restore-check.sh LICENCE_DATA_DIR SEAL_DATA_DIR WORK_DIR
# The services using the data directories must be stopped. Needs the exec jars (./zy build) and service-kit classes.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC_L=$1 SRC_S=$2 WORK=$3
LP=28181 SP=28182
mkdir -p "$WORK"
./mvnw -q -o -pl service-kit -am -DskipTests package dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" 2>/dev/null
CP="service-kit/target/classes:$(cat "$WORK/cp.txt")"
LJAR=$(ls licence-service/target/licence-service-*-exec.jar) SJAR=$(ls seal-service/target/seal-service-*-exec.jar)

start() { # licence-dir seal-dir
  java -jar "$SJAR" --server.port=$SP --zhengyin.store.embedded.directory="$2" \
    --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:$LP/oauth2/jwks >"$WORK/seal.log" 2>&1 &
  SPID=$!
  java -jar "$LJAR" --server.port=$LP --zhengyin.seal-service-url=http://localhost:$SP \
    --zhengyin.store.embedded.directory="$1" >"$WORK/licence.log" 2>&1 &
  LPID=$!
  for u in http://localhost:$LP http://localhost:$SP; do
    until curl -fs "$u/actuator/health/readiness" >/dev/null; do sleep 1; done
  done
}
stop() { kill "$LPID" "$SPID"; wait "$LPID" "$SPID" || true; }

start "$SRC_L" "$SRC_S"; python3 scripts/store-check.py http://localhost:$LP http://localhost:$SP >"$WORK/before.json"; stop
java -cp "$CP" cn.zhengyin.service.backup.StoreBackup backup "embedded:$SRC_L" licence-service "$WORK/backup/licence"
java -cp "$CP" cn.zhengyin.service.backup.StoreBackup backup "embedded:$SRC_S" seal-service "$WORK/backup/seal"
java -cp "$CP" cn.zhengyin.service.backup.StoreBackup restore "$WORK/backup/licence" "embedded:$WORK/restored/licence-data" licence-service
java -cp "$CP" cn.zhengyin.service.backup.StoreBackup restore "$WORK/backup/seal" "embedded:$WORK/restored/seal-data" seal-service
start "$WORK/restored/licence-data" "$WORK/restored/seal-data"
python3 scripts/store-check.py http://localhost:$LP http://localhost:$SP >"$WORK/after.json"; stop
python3 - "$WORK/before.json" "$WORK/after.json" <<'PY'
import json, sys
b, a = (json.load(open(f)) for f in sys.argv[1:3])
print(f"before: {b['licences']} licences ({b['totalPassed']} TOTAL_PASSED), {b['seals']} seals, tree size {b['treeSize']}")
print(f"after:  {a['licences']} licences ({a['totalPassed']} TOTAL_PASSED), {a['seals']} seals, tree size {a['treeSize']}")
same = a == b and a["totalPassed"] == a["licences"]
print("IDENTICAL and all verify" if same else "DIFFERENT")
sys.exit(0 if same else 1)
PY
