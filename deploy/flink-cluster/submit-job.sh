#!/usr/bin/env bash
# Submits the shaded scoring-job jar to a running session cluster through the REST API
# (POST /jars/upload, then POST /jars/<id>/run) at parallelism 2 and prints the job id.
#
# Usage: deploy/flink-cluster/submit-job.sh --kafka.bootstrap-servers HOST:PORT --redis.url URL \
#          --model.registry DIR [more --key value settings]
# Environment: REST (default http://127.0.0.1:8081), JOB_JAR (default the flink-jobs build output),
#              SAVEPOINT (optional: start from this savepoint or retained checkpoint path).
# Secrets: do not pass redis.password here (program arguments are visible in the Flink UI); the job
# reads LAPSEWATCH_REDIS_PASSWORD from the environment of the process that runs its main(), which
# for a REST submission is the JobManager.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
REST=${REST:-http://127.0.0.1:8081}
JOB_JAR=${JOB_JAR:-$here/../../flink-jobs/target/flink-jobs-0.1.0-SNAPSHOT-job.jar}
[ -f "$JOB_JAR" ] || { echo "no job jar at $JOB_JAR; build with ./mvnw -B install -DskipTests -pl flink-jobs -am" >&2; exit 2; }

upload=$(curl -sf -X POST -H "Expect:" -F "jarfile=@${JOB_JAR}" "$REST/jars/upload")
jar_id=$(echo "$upload" | sed -n 's/.*"filename":"[^"]*\/\([^"/]*\)".*/\1/p')
[ -n "$jar_id" ] || { echo "upload failed: $upload" >&2; exit 1; }

args=(--job.parallelism 2 "$@")
json_args=$(printf '%s\n' "${args[@]}" | sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/' | paste -sd, -)
body="{\"programArgsList\":[${json_args}],\"parallelism\":2"
if [ -n "${SAVEPOINT:-}" ]; then
  body="${body},\"savepointPath\":\"${SAVEPOINT}\""
fi
body="${body}}"
run=$(curl -s -X POST -H "Content-Type: application/json" -d "$body" "$REST/jars/$jar_id/run")
job_id=$(echo "$run" | sed -n 's/.*"jobid":"\([0-9a-f]*\)".*/\1/p')
[ -n "$job_id" ] || { echo "run failed: $run" >&2; exit 1; }
echo "$job_id"
