#!/usr/bin/env bash
# End-to-end no-loss check on the loopback Flink session cluster:
#   1. starts the embedded Kafka broker and two redis-servers (`bin/lapsewatch stack`);
#   2. trains and publishes a model from a simulated history into WORK_DIR/models;
#   3. publishes a simulated live period to policy-events (2 partitions);
#   4. reference: runs the same job jar's code in-process on a MiniCluster (`bin/lapsewatch job`,
#      bounded) into reference-* topics and the reference redis-server;
#   5. starts the session cluster (1 JobManager, 2 TaskManagers), submits the job at parallelism 2
#      (RocksDB, file checkpoints every CHECKPOINT_MS, bounded over the same topic), waits until
#      its source has emitted KILL_AT_PERCENT of the events, kill -9s a TaskManager that runs part
#      of the job (kill-taskmanager-check.sh) and waits for the job to finish on the survivor;
#   6. compares alert ids, outcomes and every stored feature vector against the reference
#      (`bin/lapsewatch compare-run`); exits 1 if anything is lost or different.
#
# Usage: deploy/flink-cluster/no-loss-check.sh [WORK_DIR]   (default: a new temp folder)
# Environment (defaults in brackets): POLICYHOLDERS [5000], DAYS [365], SEED [11],
#   TRAIN_POLICYHOLDERS [2000], CHECKPOINT_MS [3000], KILL_AT_PERCENT [30], KAFKA_PORT [19092],
#   REDIS_PORT [16379], REFERENCE_REDIS_PORT [16380], REST_PORT [18081], RPC_PORT [16123],
#   KEEP_STACK (set: leave Kafka and Redis running afterwards to inspect the topics),
#   REPLACE (set: start a replacement TaskManager right after the kill).
# Everything else it starts is stopped on exit. Rerunnable: each run uses a fresh stack.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
lw="$repo/bin/lapsewatch"
POLICYHOLDERS=${POLICYHOLDERS:-5000}
DAYS=${DAYS:-365}
SEED=${SEED:-11}
TRAIN_POLICYHOLDERS=${TRAIN_POLICYHOLDERS:-2000}
CHECKPOINT_MS=${CHECKPOINT_MS:-3000}
KILL_AT_PERCENT=${KILL_AT_PERCENT:-30}
KAFKA_PORT=${KAFKA_PORT:-19092}
REDIS_PORT=${REDIS_PORT:-16379}
REFERENCE_REDIS_PORT=${REFERENCE_REDIS_PORT:-16380}
export REST_PORT=${REST_PORT:-18081}
export RPC_PORT=${RPC_PORT:-16123}
export REST=http://127.0.0.1:${REST_PORT}

work=${1:-$(mktemp -d -t lapsewatch-noloss-XXXXXX)}
mkdir -p "$work/log"
work=$(cd "$work" && pwd)
rm -rf "$work/models" "$work/cluster" "$work/reference-checkpoints" "$work/stack.env"
log() { echo "[$(date +%H:%M:%S)] $*"; }
json() { python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"; }

cleanup() {
  "$here/stop-session-cluster.sh" "$work/cluster" >/dev/null 2>&1 || true
  if [ -n "${KEEP_STACK:-}" ] && [ -f "$work/stack.pid" ]; then
    echo "stack left running for inspection (addresses in $work/stack.env): kill $(cat "$work/stack.pid")"
  elif [ -f "$work/stack.pid" ]; then
    kill "$(cat "$work/stack.pid")" 2>/dev/null || true
    rm -f "$work/stack.pid"
  fi
}
trap cleanup EXIT

# 0. Build what is stale (the launcher does) and check the shaded job jar is there.
"$lw" help >/dev/null
JOB_JAR=${JOB_JAR:-$repo/flink-jobs/target/flink-jobs-0.1.0-SNAPSHOT-job.jar}
[ -f "$JOB_JAR" ] || { echo "no job jar at $JOB_JAR" >&2; exit 2; }
export JOB_JAR

# 1. Kafka and Redis the cluster's JVMs can reach.
log "starting the stack (Kafka 127.0.0.1:$KAFKA_PORT, redis $REDIS_PORT, reference redis $REFERENCE_REDIS_PORT)"
topics=policy-events,policy-events-dlq,retention-alerts,retention-outcomes
topics=$topics,reference-policy-events-dlq,reference-retention-alerts,reference-retention-outcomes
topics=$topics,lapsewatch.model-monitoring,reference-model-monitoring
LAPSEWATCH_JAVA_OPTS=-Xmx1g nohup "$lw" stack --kafka-port "$KAFKA_PORT" --redis-port "$REDIS_PORT" \
  --reference-redis-port "$REFERENCE_REDIS_PORT" --topics "$topics" --partitions 2 \
  --info-file "$work/stack.env" > "$work/log/stack.log" 2>&1 &
echo $! > "$work/stack.pid"
for _ in $(seq 1 120); do
  [ -f "$work/stack.env" ] && break
  kill -0 "$(cat "$work/stack.pid")" 2>/dev/null || { echo "stack exited; see $work/log/stack.log" >&2; exit 1; }
  sleep 1
done
[ -f "$work/stack.env" ] || { echo "stack not ready in 120 s" >&2; exit 1; }
# shellcheck disable=SC1091
source "$work/stack.env"

# 2. A published model in a registry folder every TaskManager can read (same machine).
log "training a model on $TRAIN_POLICYHOLDERS simulated policyholders"
"$lw" simulate --policyholders "$TRAIN_POLICYHOLDERS" --days 365 --seed "$SEED" \
  --out "$work/history.ndjson" > "$work/log/train.log" 2>&1
"$lw" train --events "$work/history.ndjson" --out "$work/models" --publish >> "$work/log/train.log" 2>&1

# 3. The input, written once and read by both runs.
log "publishing $POLICYHOLDERS policyholders x $DAYS days to policy-events"
"$lw" simulate --policyholders "$POLICYHOLDERS" --days "$DAYS" --seed "$((SEED + 1))" \
  --topic policy-events --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" > "$work/log/simulate.log" 2>&1
injected=$(sed -n 's/^published \([0-9,]*\) events.*/\1/p' "$work/log/simulate.log" | tr -d ,)
log "injected $injected events"

common=(--kafka.bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" --events.bounded true
  --model.registry "$work/models" --checkpoint.interval-ms "$CHECKPOINT_MS")

# 4. Reference: the same job, no failure, in-process.
log "reference run on a MiniCluster (parallelism 2)"
t0=$(date +%s)
LAPSEWATCH_JAVA_OPTS=-Xmx2g "$lw" job "${common[@]}" --kafka.group-id lapsewatch-reference \
  --events.dlq-topic reference-policy-events-dlq --alerts.topic reference-retention-alerts \
  --outcomes.topic reference-retention-outcomes --monitoring.topic reference-model-monitoring \
  --redis.url "$REFERENCE_REDIS_URL" \
  --checkpoint.dir "file://$work/reference-checkpoints" > "$work/log/reference.log" 2>&1
log "reference run finished in $(( $(date +%s) - t0 )) s"

# 5. The cluster run with a TaskManager killed mid-stream.
log "starting the session cluster (REST $REST)"
"$here/start-session-cluster.sh" "$work/cluster" > "$work/log/cluster-start.log" 2>&1
job=$("$here/submit-job.sh" "${common[@]}" --kafka.group-id lapsewatch-cluster --redis.url "$REDIS_URL")
log "submitted job $job"
t0=$(date +%s)
source_out() { # records the source chain has sent on, summed over subtasks (refreshed every ~10 s)
  curl -sf "$REST/jobs/$job" | json "sum(v['metrics'].get('write-records', 0) for v in j['vertices'] if 'policy-events' in v['name'])"
}
job_state() { curl -sf "$REST/jobs/$job" | json "j['state']"; }
kill_at=$(( injected * KILL_AT_PERCENT / 100 ))
for _ in $(seq 1 1800); do
  [ "$(source_out)" -ge "$kill_at" ] && break
  case "$(job_state)" in
    FINISHED | FAILED | CANCELED) echo "FAIL: job $(job_state) before the kill" >&2; exit 1 ;;
  esac
  sleep 1
done
progress=$(source_out)
state_at_kill=$(job_state)
log "source has sent $progress of $injected events on; job $state_at_kill; killing a TaskManager"
[ "$state_at_kill" = RUNNING ] && [ "$progress" -lt "$injected" ] \
  || { echo "FAIL: the job was not mid-stream at the kill" >&2; exit 1; }
"$here/kill-taskmanager-check.sh" "$work/cluster" "$job" | tee "$work/log/kill.log"
log "TaskManagers now: $(curl -sf "$REST/taskmanagers" | json "len(j['taskmanagers'])")"
for _ in $(seq 1 3600); do
  case "$(job_state)" in
    FINISHED) break ;;
    FAILED | CANCELED) echo "FAIL: job $(job_state)" >&2; exit 1 ;;
  esac
  sleep 2
done
[ "$(job_state)" = FINISHED ] || { echo "FAIL: job did not finish" >&2; exit 1; }
restored=$(curl -sf "$REST/jobs/$job/checkpoints" | json "j['counts']['restored']")
log "cluster job FINISHED $(( $(date +%s) - t0 )) s after submission; restored from a checkpoint $restored time(s)"

# 6. Compare against the reference.
"$lw" compare-run --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" --injected "$injected" \
  --topic retention-alerts --reference-topic reference-retention-alerts \
  --outcomes-topic retention-outcomes --reference-outcomes-topic reference-retention-outcomes \
  --redis-url "$REDIS_URL" --reference-redis-url "$REFERENCE_REDIS_URL" 2>>"$work/log/compare.log" \
  | tee "$work/compare.txt"
