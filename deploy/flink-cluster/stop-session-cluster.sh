#!/usr/bin/env bash
# Stops the JVMs started by start-session-cluster.sh in WORK_DIR (by their recorded process ids).
set -uo pipefail
work=${1:?usage: stop-session-cluster.sh WORK_DIR}
for f in "$work"/taskmanager-*.pid "$work"/jobmanager.pid; do
  [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null && rm -f "$f"
done
exit 0
