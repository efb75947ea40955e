#!/usr/bin/env bash
# Kills (kill -9) a TaskManager of the loopback cluster that runs part of JOB_ID and checks that the job restores
# from its last checkpoint: it must reach RUNNING again with a restored checkpoint and complete a
# new checkpoint on the surviving TaskManager (its two slots take both subtasks), or, for a bounded
# job, finish after the restore. This checks recovery only; no-loss-check.sh compares the output
# of such a run against a reference run.
#
# Usage: deploy/flink-cluster/kill-taskmanager-check.sh WORK_DIR JOB_ID
# Environment: REST (default http://127.0.0.1:8081), VICTIM (a TaskManager number, to choose it),
#              REPLACE (set: start a new TaskManager right after the kill, as an orchestrator would).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
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
# The victim must run part of the job: the scheduler may put both subtasks into the two slots of
# one TaskManager, and killing the idle one would test nothing. The TaskManager running the first
# vertex's first subtask is found by its resource id, which each TaskManager logs at startup.
running_tm() {
  local vid tm
  vid=$(curl -sf "$REST/jobs/$job" | json "j['vertices'][0]['id']")
  tm=$(curl -sf "$REST/jobs/$job/vertices/$vid/taskmanagers" | json "j['taskmanagers'][0]['taskmanager-id']")
  grep -l "ResourceID: $tm\b" "$work"/log/taskmanager-*.log | sed -n 's/.*taskmanager-\([0-9]*\)\.log$/\1/p' | head -1 || true
}
n=${VICTIM:-$(running_tm)}
[ -n "$n" ] && [ -f "$work/taskmanager-$n.pid" ] || { echo "FAIL: cannot tell which TaskManager runs the job" >&2; exit 1; }
victim=$(cat "$work/taskmanager-$n.pid")
echo "killing TaskManager $n (pid $victim), which runs part of the job, after $before completed checkpoint(s)"
kill -9 "$victim"
rm -f "$work/taskmanager-$n.pid"
t0=$(date +%s)
if [ -n "${REPLACE:-}" ]; then
  next=$(( $(ls "$work"/log/taskmanager-*.log | sed -n 's/.*taskmanager-\([0-9]*\)\.log$/\1/p' | sort -n | tail -1) + 1 ))
  "$here/start-taskmanager.sh" "$work" "$next"
  echo "started TaskManager $next as a replacement"
fi
wait_for '[ "$(restored)" -ge 1 ] && echo yes' 90 || { echo "FAIL: job did not restore from a checkpoint" >&2; exit 1; }
# A bounded job may run out of input before its next checkpoint: FINISHED after a restore is a
# recovery too.
wait_for '{ [ "$(state)" = RUNNING ] && [ "$(completed)" -gt '"$before"' ]; } || [ "$(state)" = FINISHED ] && echo yes' 90 \
  || { echo "FAIL: job not RUNNING with a new checkpoint after the restore (state $(state))" >&2; exit 1; }
echo "OK: restored from a checkpoint and $(state) $(( $(date +%s) - t0 )) s after the kill ($(completed) checkpoints completed)"
# Where the restarted subtasks run (the survivor's two slots fit parallelism 2).
vid=$(curl -sf "$REST/jobs/$job" | json "j['vertices'][1]['id']")
curl -sf "$REST/jobs/$job/vertices/$vid/taskmanagers" \
  | json "'\n'.join(t['taskmanager-id'] + ' ' + str(sum(t['status-counts'].values())) for t in j['taskmanagers'])" \
  | while read -r tm count; do
      number=$(grep -l "ResourceID: $tm\b" "$work"/log/taskmanager-*.log | sed -n 's/.*taskmanager-\([0-9]*\)\.log$/\1/p' | head -1 || true)
      echo "after the restore TaskManager ${number:-?} ($tm) runs $count subtask(s) of the keyed operator"
    done
