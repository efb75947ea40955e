#!/usr/bin/env bash
# Starts TaskManager number N of the loopback session cluster in WORK_DIR (a separate JVM, logs in
# WORK_DIR/log/taskmanager-N.log, process id in WORK_DIR/taskmanager-N.pid), with the JVM
# arguments and memory settings start-session-cluster.sh recorded. Used by that script, and to add
# a replacement after a TaskManager was killed.
#
# Usage: deploy/flink-cluster/start-taskmanager.sh WORK_DIR N
set -euo pipefail
work=${1:?WORK_DIR}
n=${2:?N}
[ -f "$work/jvm-common.args" ] && [ -f "$work/taskmanager.params" ] \
  || { echo "no cluster set-up in $work; run start-session-cluster.sh first" >&2; exit 2; }
mapfile -t jvm_common < "$work/jvm-common.args"
tm_jvm=$(sed -n 1p "$work/taskmanager.params")
tm_dyn=$(sed -n 2p "$work/taskmanager.params")
# shellcheck disable=SC2086
nohup java $tm_jvm "${jvm_common[@]}" -Dlog.file="$work/log/taskmanager-$n.log" \
  org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$work/conf" $tm_dyn \
  > "$work/log/taskmanager-$n.out" 2>&1 &
echo $! > "$work/taskmanager-$n.pid"
