#!/usr/bin/env bash
# Kills one TaskManager of the loopback cluster while JOB_ID runs and checks that the job restores
# from its last checkpoint: it must reach RUNNING again with a restored checkpoint and complete a
# new checkpoint on the surviving TaskManager. This checks recovery, NOT that no alert is lost:
# comparing the alerts topic's ids against a clean run needs a Kafka and Redis the cluster can
# reach, which this script does not start (see docs/operations.md).
#
# Usage: deploy/flink-cluster/kill-taskmanager-check.sh WORK_DIR JOB_ID
set -euo pipefail
work=${1:?WORK_DIR}
job=${2:?JOB_ID}
REST=${REST:-http://127.0.0.1:8081}
json() { python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"; }

wait_for() { # expression, seconds
  for _ in $(seq 1 "$2"); do
    if [ "$(eval "$1")" = "yes" ]; then return 0; fi
    sleep 1
  done
  return 1
}
completed() { curl -sf "$REST/jobs/$job/checkpoints" | json "j['counts']['completed']"; }
restored() { curl -sf "$REST/jobs/$job/checkpoints" | json "j['counts']['restored']"; }
state() { curl -sf "$REST/jobs/$job" | json "j['state']"; }

wait_for '[ "$(completed)" -ge 1 ] && echo yes' 60 || { echo "FAIL: no checkpoint before the kill" >&2; exit 1; }
before=$(completed)
victim=$(cat "$work/taskmanager-1.pid")
echo "killing TaskManager 1 (pid $victim) after $before completed checkpoint(s)"
kill -9 "$victim"
rm -f "$work/taskmanager-1.pid"
t0=$(date +%s)
wait_for '[ "$(restored)" -ge 1 ] && echo yes' 90 || { echo "FAIL: job did not restore from a checkpoint" >&2; exit 1; }
wait_for '[ "$(state)" = RUNNING ] && [ "$(completed)" -gt '"$before"' ] && echo yes' 90 \
  || { echo "FAIL: job not RUNNING with a new checkpoint after the restore (state $(state))" >&2; exit 1; }
echo "OK: restored from a checkpoint and RUNNING again with a new checkpoint $(( $(date +%s) - t0 )) s after the kill"
