#!/bin/bash
# scripts/import-cpu.sh TREE LABEL N — CPU per licence of a bulk import, for comparing two builds (issue #18).
# Starts both services from TREE's exec jars (./zy build) at -Xmx512m with GC logs and fresh stores under
# /tmp/ab-LABEL, imports 30 lines to warm up, then N generated business licences with ca-tools, and prints one line:
# licences/s, CPU ms per licence (licence + seal service, /proc/<pid>/stat), the licence service's GC threads' CPU per
# licence, its GC pauses, concurrent marking cycles and largest heap after a collection. Per-thread CPU of both
# services goes to /tmp/ab-LABEL/*-threads.txt. JOPTS adds JVM options to both services; RESULTS=FILE appends the line.
# Ports 48481-48483. Run builds one after the other on an otherwise idle machine; docs/bulk-import.md has results.
set -u
[ $# -eq 3 ] || { echo "usage: scripts/import-cpu.sh TREE LABEL LINES" >&2; exit 2; }
T=$(cd "$1" && pwd) L=$2 N=$3
[ -n "${JAVA_HOME:-}" ] && export PATH=$JAVA_HOME/bin:$PATH
W=/tmp/ab-$L; rm -rf $W; mkdir -p $W; cd $T
lport=48481 sport=48482 mport=48483
java -Xmx512m ${JOPTS:-} -Xlog:gc:file=$W/seal-gc.log -jar seal-service/target/seal-service-0.1.0-SNAPSHOT-exec.jar --server.port=$sport \
  --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:$lport/oauth2/jwks \
  --zhengyin.tokens.issuer=http://localhost:$lport --zhengyin.tokens.introspection.uri=http://localhost:$lport/oauth2/introspect \
  --zhengyin.store.embedded.directory=$W/seal-data --zhengyin.seal-keys.file=$W/seal-keys.p12 \
  --zhengyin.rate-limit.enabled=false > $W/seal-service.log 2>&1 &
S=$!
java -Xmx512m ${JOPTS:-} -Xlog:gc:file=$W/licence-gc.log -jar licence-service/target/licence-service-0.1.0-SNAPSHOT-exec.jar --server.port=$lport \
  --zhengyin.tokens.issuer=http://localhost:$lport --zhengyin.seal-service-url=http://localhost:$sport \
  --zhengyin.store.embedded.directory=$W/licence-data --zhengyin.store.embedded.port=$mport --zhengyin.rate-limit.enabled=false > $W/licence-service.log 2>&1 &
LP=$!
trap "kill $S $LP 2>/dev/null" EXIT
for i in $(seq 120); do curl -sf localhost:$lport/actuator/health/readiness >/dev/null && curl -sf localhost:$sport/actuator/health/readiness >/dev/null && break; sleep 1; done
jar=$T/ca-tools/target/ca-tools.jar
java -jar $jar import generate --type business-licence --count 30 --key-prefix warm-$L --out $W/warm.ndjson --force >/dev/null
java -jar $jar import --url http://localhost:$lport --client approval-demo --secret approval-demo-secret --progress-interval 0 --out $W/warm.results $W/warm.ndjson 2>/dev/null
java -jar $jar import generate --type business-licence --count $N --key-prefix ab-$L --out $W/import.ndjson --force >/dev/null
cpu() { awk '{print ($14+$15)*10}' /proc/$1/stat; }
gccpu() { for t in /proc/$1/task/*; do c=$(cat $t/comm); case "$c" in G1*|GC*) awk '{s+=($14+$15)*10} END {print s}' $t/stat;; esac; done | awk '{s+=$1} END {print s+0}'; }
l0=$(cpu $LP) s0=$(cpu $S) g0=$(gccpu $LP) t0=$(date +%s%N); lg0=$(wc -l < $W/licence-gc.log)
java -jar $jar import --url http://localhost:$lport --client approval-demo --secret approval-demo-secret --progress-interval 0 --out $W/import.results $W/import.ndjson 2>$W/import.err
t1=$(date +%s%N) l1=$(cpu $LP) s1=$(cpu $S) g1=$(gccpu $LP)
i=$(grep -c '"ISSUED"' $W/import.results)
for t in /proc/$LP/task/*; do echo "$(cat $t/comm) $(awk '{print ($14+$15)*10}' $t/stat)"; done > $W/licence-threads.txt
for t in /proc/$S/task/*; do echo "$(cat $t/comm) $(awk '{print ($14+$15)*10}' $t/stat)"; done > $W/seal-threads.txt
tail -n +$((lg0+1)) $W/licence-gc.log > $W/licence-gc.import.log
pauses=$(grep -c "Pause" $W/licence-gc.import.log); marks=$(grep -c "Concurrent Mark Cycle$" $W/licence-gc.import.log)
maxafter=$(grep -o "[0-9]*M->[0-9]*M" $W/licence-gc.import.log | awk -F'->' '{sub("M","",$2); if ($2+0>m) m=$2+0} END {print m}')
pinned=$(grep -c "Pinned" $W/licence-gc.import.log)
awk -v L=$L -v i=$i -v t0=$t0 -v t1=$t1 -v l=$((l1-l0)) -v s=$((s1-s0)) -v g=$((g1-g0)) -v p=$pauses -v mk=$marks -v mx=$maxafter -v pin=$pinned -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
 secs=(t1-t0)/1e9; printf "%s: %d issued in %.0f s = %.1f/s; CPU %.1f ms/licence (licence %.1f + seal %.1f); licence GC threads %.1f ms/licence; GC pauses %d, concurrent marks %d, pinned %d, max heap after GC %d MB; load %s\n", L, i, secs, i/secs, (l+s)/i, l/i, s/i, g/i, p, mk, pin, mx, load }' | tee -a "${RESULTS:-/dev/null}"
