#!/usr/bin/env bash
# Reads the lake with a real Trino server (the engine under Amazon Athena engine v3) through the table definitions
# of schemas/athena, and runs every query of schemas/athena/queries on it. Not part of the test suite: it downloads
# the Trino server (821 MB, once, into ~/.m2) and takes a few minutes. Run it by hand after changing the schema,
# the Parquet writer or a query:
#
#   schemas/athena/trino-check.sh [WORK_DIR]        default WORK_DIR: ${TMPDIR:-/tmp}/trino-check
#
# What it does (everything outside the repository, under WORK_DIR):
#   1. Downloads io.trino:trino-server:$TRINO_VERSION:tar.gz with Maven (skipped when already in ~/.m2; 821 MB,
#      about 20 s here) and unpacks it (900 MB).
#   2. Makes a lake with the job: `bin/engagement-analytics replay` over the sample records of job/src/test/resources/samples
#      (each on one line, as ReplayCommandTest builds them) plus $GENERATED_MINUTES minutes of generated traffic
#      (`bin/engagement-analytics generate`, seed 42), with --allowed-lateness 100h (the 72-h UNKNOWN sample moves the
#      watermark 3 days ahead).
#   3. Starts a single-node Trino on 127.0.0.1 (coordinator and worker, -Xmx3G, only the Hive plugin loaded) with a
#      catalog `lake`: Hive connector, file metastore and the local file system rooted at WORK_DIR.
#   4. Runs AthenaQueriesTest (DuckDB: every query against hand-computed answers), then TrinoLakeCheck (test code):
#      - tables created from the rendered Athena DDL (translated by AthenaDdlToTrino: same columns and types,
#        partition projection replaced by CALL system.sync_partition_metadata), views from schemas/athena/views as is;
#      - the job's lake: per table, row count, DESCRIBE types against schema.Tables, every value of every row equal to
#        what DuckDB reads from the same files, and a few values known from the sample records;
#      - the AthenaQueriesTest fixture: every query, current_timestamp replaced by TIMESTAMP '2026-11-20 12:00:00.000 UTC'
#        (Trino cannot pin "now"), must return the same rows in the same order as DuckDB.
#   5. Stops the Trino server it started, prints the report (also in WORK_DIR/report.md). Exit 0 when all matched.
#
# Needs: a JDK >= 24 for Trino 476 (TRINO_JAVA_HOME, else the first one found in /usr/lib/jvm), Java 17 + Maven for
# the job, curl, jq. Environment: TRINO_VERSION (476), TRINO_PORT (first free from 18080), GENERATED_MINUTES (60),
# GENERATED_RATE (5 messages/s), MVN_FLAGS (e.g. -o for offline).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mkdir -p "${1:-${TMPDIR:-/tmp}/trino-check}" && cd "${1:-${TMPDIR:-/tmp}/trino-check}" && pwd)"
VERSION="${TRINO_VERSION:-476}"
MINUTES="${GENERATED_MINUTES:-60}"
RATE="${GENERATED_RATE:-5}"
MVN_FLAGS="${MVN_FLAGS:-}"
SERVER="$WORK/trino-server-$VERSION"
SAMPLES="$ROOT/job/src/test/resources/samples"   # the documented record shapes the tests use

case "$WORK" in
  "$ROOT"|"$ROOT"/*) echo "WORK_DIR must be outside the repository: $WORK" >&2; exit 2 ;;
esac
for tool in curl jq mvn java; do
  command -v "$tool" >/dev/null || { echo "trino-check: needs $tool" >&2; exit 2; }
done
[ -d "$SAMPLES" ] || { echo "trino-check: no sample records at $SAMPLES" >&2; exit 2; }

log() { echo "[trino-check $(date -u +%H:%M:%S)] $*" >&2; }

java_feature() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
TRINO_JAVA="${TRINO_JAVA_HOME:-}"
if [ -z "$TRINO_JAVA" ]; then
  for jdk in /usr/lib/jvm/*; do
    if [ -x "$jdk/bin/java" ] && [ "$(java_feature "$jdk")" -ge 24 ] 2>/dev/null; then TRINO_JAVA="$jdk"; break; fi
  done
fi
if [ -z "$TRINO_JAVA" ] || [ "$(java_feature "$TRINO_JAVA")" -lt 24 ]; then
  echo "trino-check: Trino $VERSION needs a JDK >= 24: set TRINO_JAVA_HOME" >&2
  exit 2
fi
log "Trino $VERSION on $TRINO_JAVA (Java $(java_feature "$TRINO_JAVA")), work dir $WORK"

# ---- 1. the server ----
TARBALL="$HOME/.m2/repository/io/trino/trino-server/$VERSION/trino-server-$VERSION.tar.gz"
if [ ! -f "$TARBALL" ]; then
  log "downloading trino-server $VERSION (821 MB for 476) ..."
  mvn -B -q $MVN_FLAGS org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
    -Dartifact="io.trino:trino-server:$VERSION:tar.gz" -Dtransitive=false
fi
if [ ! -x "$SERVER/bin/launcher" ]; then
  log "unpacking $TARBALL"
  tar xzf "$TARBALL" -C "$WORK"
fi

# ---- 2. a lake written by the job ----
log "building the replay input and running the job"
rm -rf "$WORK/input" "$WORK/lake" "$WORK/fixture" "$WORK/metastore" "$WORK/data"
mkdir -p "$WORK/input" "$WORK/metastore" "$WORK/data"
for name in sms_text_pending sms_text_successful sms_text_delivered envelope_sns_sms_text_delivered \
    envelope_eventbridge_sms_text_delivered envelope_cwlogs_subscription_lambda_awslogs feedback_received \
    wa_status_sent_conversation_pricing wa_status_delivered envelope_sns_wa_status_delivered wa_status_read \
    wa_status_failed sms_text_carrier_unreachable sms_text_blocked wa_status_sent_pmp_no_conversation \
    sms_text_protect_blocked wa_inbound_text feedback_failed sms_text_successful_protect_monitor mms_media_delivered \
    voice_voice_completed sms_text_unknown_after_72h; do
  jq -c . "$SAMPLES/$name.json"
done > "$WORK/input/samples.txt"
"$ROOT/bin/engagement-analytics" generate --output "$WORK/input/generated.txt" \
  --duration "${MINUTES}m" --rate "$RATE" --speed 0 --seed 42 > "$WORK/generate.log"
"$ROOT/bin/engagement-analytics" replay --input "$WORK/input" --output "$WORK/lake" \
  --allowed-lateness 100h --checkpoint-interval 2s > "$WORK/replay.log" 2>&1 || { cat "$WORK/replay.log" >&2; exit 1; }
sed -n '/replay finished/,$p' "$WORK/replay.log" >&2

# ---- 3. configure and start Trino ----
PORT="${TRINO_PORT:-18080}"
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
ETC="$WORK/etc"
mkdir -p "$ETC/catalog" "$WORK/plugins"
ln -sfn "$SERVER/plugin/hive" "$WORK/plugins/hive"
cat > "$ETC/node.properties" <<EOF
node.environment=test
node.id=trino-check
node.data-dir=$WORK/data
node.bind-ip=127.0.0.1
node.internal-address=127.0.0.1
EOF
# the JVM flags of Trino's recommended jvm.config, with a 3 GB heap
cat > "$ETC/jvm.config" <<EOF
-server
-Xmx3G
-XX:G1HeapRegionSize=32M
-XX:+ExplicitGCInvokesConcurrent
-XX:+ExitOnOutOfMemoryError
-XX:-OmitStackTraceInFastThrow
-XX:ReservedCodeCacheSize=256M
-XX:PerMethodRecompilationCutoff=10000
-XX:PerBytecodeRecompilationCutoff=10000
-Djdk.attach.allowAttachSelf=true
-Djdk.nio.maxCachedBufferSize=2000000
-Dfile.encoding=UTF-8
-XX:+EnableDynamicAgentLoading
EOF
cat > "$ETC/config.properties" <<EOF
coordinator=true
node-scheduler.include-coordinator=true
http-server.http.port=$PORT
discovery.uri=http://127.0.0.1:$PORT
plugin.dir=$WORK/plugins
query.max-memory=1GB
query.max-memory-per-node=1GB
task.concurrency=2
EOF
# local:///x is WORK_DIR/x (Trino's local file system is rooted at local.location, a plain path)
cat > "$ETC/catalog/lake.properties" <<EOF
connector.name=hive
hive.metastore=file
hive.metastore.catalog.dir=local:///metastore
fs.native-local.enabled=true
local.location=$WORK
EOF
echo "io.trino=INFO" > "$ETC/log.properties"

launcher() { JAVA_HOME="$TRINO_JAVA" PATH="$TRINO_JAVA/bin:$PATH" "$SERVER/bin/launcher" --etc-dir "$ETC" --data-dir "$WORK/data" "$@"; }
stop_trino() { launcher stop >/dev/null 2>&1 || true; }
trap stop_trino EXIT
log "starting Trino on 127.0.0.1:$PORT"
launcher start >&2
started=""
for _ in $(seq 1 90); do
  if curl -sf "http://127.0.0.1:$PORT/v1/info" | grep -q '"starting":false'; then started=yes; break; fi
  sleep 2
done
if [ -z "$started" ]; then
  echo "trino-check: Trino did not start; see $WORK/data/var/log/server.log" >&2
  grep -E "ERROR|Exception" "$WORK/data/var/log/server.log" | head -20 >&2 || true
  exit 1
fi
log "Trino is up: $(curl -s "http://127.0.0.1:$PORT/v1/info")"

# ---- 4. the checks ----
cd "$ROOT"
log "AthenaQueriesTest (DuckDB, hand-computed answers)"
mvn -B -q -Dstyle.color=never $MVN_FLAGS test -Dtest=AthenaQueriesTest -Dsurefire.failIfNoSpecifiedTests=false >&2
log "TrinoLakeCheck"
set +e
# (the test classes were compiled by the step above; exec.args must not meet the pom's own exec executions)
MAVEN_OPTS="${MAVEN_OPTS:--Xmx1g}" mvn -B -q -Dstyle.color=never $MVN_FLAGS -pl job exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=com.example.eum.analytics.schema.TrinoLakeCheck \
  -Dexec.args="jdbc:trino://127.0.0.1:$PORT $WORK $WORK/lake $WORK/fixture" > "$WORK/report.raw"
status=$?
sed 's/\x1b\[[0-9;]*m//g' "$WORK/report.raw" > "$WORK/report.md"   # Maven's colour resets
set -e
cat "$WORK/report.md"
exit $status
