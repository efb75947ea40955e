#!/usr/bin/env bash
# Starts a standalone Flink 2.2.1 session cluster on loopback: one JobManager and two TaskManagers,
# each a separate JVM, RocksDB state and file checkpoints in a work folder.
#
# Flink's binary tarball is not on Maven Central (nor is flink-dist), so the classpath is assembled
# from the individual Flink modules that are: flink-runtime-web (REST + jar upload), flink-clients,
# flink-streaming-java, flink-statebackend-rocksdb, plus log4j. The Maven wrapper resolves them.
#
# Usage: deploy/flink-cluster/start-session-cluster.sh [WORK_DIR]   (default: a new temp folder)
# Prints the work folder; stop with deploy/flink-cluster/stop-session-cluster.sh WORK_DIR.
set -euo pipefail

FLINK_VERSION=2.2.1
LOG4J_VERSION=2.24.3
REST_PORT=${REST_PORT:-8081}
RPC_PORT=${RPC_PORT:-6123}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:-$(mktemp -d -t lapsewatch-flink-XXXXXX)}
mkdir -p "$work"/{conf,log,checkpoints,savepoints,upload,tmp,pom}
work=$(cd "$work" && pwd)

# 1. Classpath from Maven Central through the project's wrapper (throw-away pom in the work dir).
cat > "$work/pom/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.lapsewatch</groupId><artifactId>flink-session-classpath</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.flink</groupId><artifactId>flink-runtime-web</artifactId><version>${FLINK_VERSION}</version></dependency>
    <dependency><groupId>org.apache.flink</groupId><artifactId>flink-clients</artifactId><version>${FLINK_VERSION}</version></dependency>
    <dependency><groupId>org.apache.flink</groupId><artifactId>flink-streaming-java</artifactId><version>${FLINK_VERSION}</version></dependency>
    <dependency><groupId>org.apache.flink</groupId><artifactId>flink-statebackend-rocksdb</artifactId><version>${FLINK_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>${LOG4J_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>${LOG4J_VERSION}</version></dependency>
  </dependencies>
</project>
POM
"$repo/mvnw" -q -B -f "$work/pom/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt"
cp=$(cat "$work/classpath.txt")

# 2. Configuration (Flink 2.x reads config.yaml from the config dir).
cat > "$work/conf/config.yaml" <<YAML
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: ${RPC_PORT}
jobmanager.bind-host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: ${REST_PORT}
jobmanager.memory.process.size: 1024m
taskmanager.memory.process.size: 1536m
taskmanager.numberOfTaskSlots: 2
cluster.evenly-spread-out-slots: true
parallelism.default: 2
state.backend.type: rocksdb
execution.checkpointing.incremental: true
execution.checkpointing.dir: file://${work}/checkpoints
execution.checkpointing.savepoint-dir: file://${work}/savepoints
execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
execution.checkpointing.tolerable-failed-checkpoints: 3
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 20
restart-strategy.fixed-delay.delay: 2 s
heartbeat.interval: 2000
heartbeat.timeout: 10000
web.upload.dir: ${work}/upload
io.tmp.dirs: ${work}/tmp
YAML
cat > "$work/conf/log4j.properties" <<'LOG'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${sys:log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
LOG

# 3. One JobManager, two TaskManagers.
# The module opens Flink's own scripts add (its default env.java.opts.all); without them job
# submission fails with InaccessibleObjectException on JDK 17.
opens=(--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED)
for pkg in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio sun.nio.ch java.text \
  java.time java.util java.util.concurrent java.util.concurrent.atomic java.util.concurrent.locks; do
  opens+=(--add-opens=java.base/$pkg=ALL-UNNAMED)
done
jvm_common=("${opens[@]}" -Dlog4j.configurationFile="$work/conf/log4j.properties" -cp "$cp")
tm_params=$(java "${jvm_common[@]}" -Dlog.file="$work/log/bashjavautils.log" \
  org.apache.flink.runtime.util.bash.BashJavaUtils GET_TM_RESOURCE_PARAMS --configDir "$work/conf" \
  | grep BASH_JAVA_UTILS_EXEC_RESULT | sed 's/BASH_JAVA_UTILS_EXEC_RESULT://')
# G1's default pause target (200 ms) lets young pauses alone take the event-to-alert p99 past
# 200 ms; 50 ms keeps them at 30-50 ms (see docs/operations.md, "JVM").
tm_jvm="$(echo "$tm_params" | sed -n 1p) -XX:MaxGCPauseMillis=50"
tm_dyn=$(echo "$tm_params" | sed -n 2p)

nohup java -Xmx768m "${jvm_common[@]}" -Dlog.file="$work/log/jobmanager.log" \
  org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$work/conf" \
  > "$work/log/jobmanager.out" 2>&1 &
echo $! > "$work/jobmanager.pid"
# Kept so start-taskmanager.sh can add a TaskManager later (e.g. to replace a killed one).
printf '%s\n' "${jvm_common[@]}" > "$work/jvm-common.args"
printf '%s\n%s\n' "$tm_jvm" "$tm_dyn" > "$work/taskmanager.params"
for i in 1 2; do
  "$here/start-taskmanager.sh" "$work" "$i"
done

# 4. Wait until the REST API reports two TaskManagers.
for _ in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:${REST_PORT}/taskmanagers" | grep -o '"id"' | wc -l | grep -q '^2$'; then
    echo "$work"
    exit 0
  fi
  sleep 1
done
echo "cluster did not come up with 2 TaskManagers in 60 s; logs in $work/log" >&2
exit 1
