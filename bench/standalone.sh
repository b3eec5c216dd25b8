#!/usr/bin/env bash
# Issue 20: phase 2 on a Spark standalone cluster on this machine, the closest to a real cluster one machine gives:
# a master and two workers, each executor a JVM of its own that loads the engine's native library and the model from
# engine-cli.jar (as on a cluster), speculation on, jobs submitted with the spark-submit line of docs/distributed.md.
# Three runs on the same sample of the JDK's sources (java.util.concurrent and java.util.stream):
#   1. speculation on (quantile 0.5, multiplier 1): Spark copies a straggling task onto the free executor;
#   2. a fresh index; one executor JVM is killed (SIGKILL) while its task embeds: Spark runs the task again elsewhere;
#   3. run 2's index again: nothing to embed, no Spark job.
# Each index must then hold one vector per chunk, pass engine-cli verify, and give the same search results as the
# single-machine index of the same sample. Spark's event logs say which attempts were speculative, failed or killed.
#
# Needs SPARK_HOME: a Spark 4.2 distribution (e.g. `pip install pyspark==4.2.0`; SPARK_HOME is its pyspark directory)
# and the jars of `mvn package` (cli/target/engine-cli.jar, spark/target/mvs-spark-*.jar).
#
#   SPARK_HOME=... ./bench/standalone.sh [--model NAME] [--min-cosine C] [--out DIR]     (default out: bench/results/<date>-standalone)
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
# fp32 by default: an int8 model's vector of a text depends on the texts batched with it (docs/embedding.md), so
# its vectors are not reproducible across batchings; with --model all-minilm-l6-v2-q pass e.g. --min-cosine 0.9.
model=all-minilm-l6-v2
min_cosine=0.9999
out="bench/results/$(date +%F)-standalone"
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model="$2"; shift 2 ;;
    --min-cosine) min_cosine="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "standalone.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "${SPARK_HOME:-}/bin/spark-submit" ] || { echo "standalone.sh: set SPARK_HOME to a Spark 4.2 distribution (pip install pyspark==4.2.0)" >&2; exit 2; }
cli_jar=cli/target/engine-cli.jar
spark_jar=$(ls spark/target/mvs-spark-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
[ -f "$cli_jar" ] && [ -n "$spark_jar" ] || { echo "standalone.sh: run mvn -B package -DskipTests first" >&2; exit 2; }

work=$(mktemp -d)
mkdir -p "$out" "$work/events" "$work/logs"
pids=()
stop_cluster() {
  # A worker stopped by SIGTERM stops its executors' JVMs itself.
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop_cluster EXIT
log() { echo "standalone.sh: $*" >&2; echo "$*" >> "$out/log.txt"; }
: > "$out/log.txt"

# The sample, as the local-mode figures use it (bench/distributed.sh)
mkdir -p "$work/repo"
(cd "$work/repo" && unzip -q "$JAVA_HOME/lib/src.zip" 'java.base/java/util/concurrent/*' 'java.base/java/util/stream/*')

port=$((20000 + RANDOM % 20000))
master="spark://127.0.0.1:$port"
export SPARK_LOG_DIR="$work/logs" SPARK_LOCAL_IP=127.0.0.1 SPARK_WORKER_DIR="$work/workers"
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 \
  > "$work/logs/master.log" 2>&1 &
pids+=($!)
for w in 1 2; do
  # One core per worker: two executor JVMs with one task slot each, one per core of this machine. Each worker on a
  # loopback address of its own (127.0.0.1, 127.0.0.2), as two hosts: Spark never runs a speculative copy of a task on
  # the host already running it.
  SPARK_LOCAL_IP="127.0.0.$w" "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker --host "127.0.0.$w" --cores 1 \
    --memory 4g --webui-port 0 --work-dir "$work/workers/$w" "$master" > "$work/logs/worker-$w.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 60); do
  [ "$(grep -c 'Successfully registered with master' "$work"/logs/worker-*.log 2>/dev/null | awk -F: '{s+=$2} END {print s+0}')" -ge 2 ] && break
  sleep 1
done
log "cluster: $master, 2 workers (127.0.0.1, 127.0.0.2) x 1 core, JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), Spark $(ls "$SPARK_HOME"/jars/spark-core_* | sed 's/.*spark-core_2.13-\(.*\).jar/\1/')"

flags="--enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
submit() { # index dir, name, extra spark-submit args...
  local index=$1 name=$2
  shift 2
  local t0
  t0=$(date +%s.%N)
  local rc=0
  "$SPARK_HOME/bin/spark-submit" --master "$master" --class dev.mvs.spark.SparkIndex --name "$name" \
    --jars "$cli_jar" --conf spark.task.cpus=1 --conf spark.executor.cores=1 --conf spark.executor.memory=3g \
    --conf "spark.driver.extraJavaOptions=$flags" --conf "spark.executor.extraJavaOptions=$flags" \
    --conf spark.executorEnv.LANCE_CPU_THREADS=1 \
    --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$work/events" \
    --conf spark.eventLog.compress=false --conf spark.eventLog.rolling.enabled=false \
    "$@" "$spark_jar" "$work/repo" --index-dir "$index" --model "$model" > "$work/$name.json" 2> "$work/logs/$name.driver.log" || rc=$?
  log "$name: exit $rc, $(echo "$(date +%s.%N) - $t0" | bc) s wall; report: $(tr -d ' \n' < "$work/$name.json")"
  cp "$work/$name.json" "$out/$name.json"
  grep -i -e speculat -e "lost executor" -e "killed" -e "registered executor" -e "starting task" "$work/logs/$name.driver.log" | sed "s/^/$name driver: /" >> "$out/log.txt" || true
  return $rc
}
# What Spark's event log of an application says of its task attempts
attempts() { # app name
  python3 - "$work/events" "$1" <<'EOF'
import json, os, sys
events, name = sys.argv[1], sys.argv[2]
for f in sorted(os.listdir(events)):
    lines = [json.loads(l) for l in open(os.path.join(events, f))]
    if not any(e.get("Event") == "SparkListenerApplicationStart" and e.get("App Name") == name for e in lines):
        continue
    for e in lines:
        if e.get("Event") == "SparkListenerTaskEnd":
            t = e["Task Info"]
            print("task %s attempt %s on executor %s%s: %s (%s), %.1f s" % (t["Index"], t["Attempt"], t["Executor ID"],
                  " (speculative)" if t.get("Speculative") else "", e["Task End Reason"]["Reason"],
                  e["Task End Reason"].get("Kill Reason") or e["Task End Reason"].get("Loss Reason") or "",
                  (t["Finish Time"] - t["Launch Time"]) / 1000))
        if e.get("Event") == "SparkListenerExecutorRemoved":
            print("executor %s removed: %s" % (e["Executor ID"], e["Removed Reason"]))
EOF
}
check() { # index dir, name
  local index=$1 name=$2
  cli/engine-cli verify --index-dir "$index" > "$work/$name.verify" 2>&1 || { log "$name: verify failed: $(cat "$work/$name.verify")"; return 1; }
  cli/engine-cli status --index-dir "$index" --format json > "$work/$name.status.json"
  python3 - "$work/$name.status.json" "$name" <<'EOF' | tee -a "$out/log.txt" >&2
import json, sys
s = json.load(open(sys.argv[1]))
tables = {t["name"]: t for t in s["tables"]}
chunks, vectors = tables["chunks.lance"]["rows"], tables["vectors.lance"]["rows"]
jobs = tables["vectors.lance"].get("jobs", [])
print("%s: %d chunks, %d vectors, jobs %s" % (sys.argv[2], chunks, vectors, [(j["job_id"][:8], j["fragments"], j["rows"]) for j in jobs]))
sys.exit(0 if chunks == vectors and chunks > 0 else 1)
EOF
  # Data files beside the committed ones: what failed, killed or cancelled attempts left after the coordinator's cleanup
  # (a copy Spark cancels when the job ends may still be writing then)
  local data
  data=$(find "$index"/gen-*/vectors.lance/data -type f | wc -l)
  log "$name: vectors.lance/data holds $data data files"
  # The same vectors as the single-machine index, within floating-point tolerance (the batches differ between an
  # executor and a local run)
  if ! "${bench_java[@]}" dev.mvs.bench.e2e.VectorDiff "$work/local" "$index" "$min_cosine" 2>/dev/null | sed "s/^/$name: /" | tee -a "$out/log.txt" >&2; then
    log "$name: the vectors differ from the single-machine index's beyond tolerance"
    return 1
  fi
  searches "$index" > "$work/$name.search"
  python3 - "$work/local.search" "$work/$name.search" "$name" <<'EOF' | tee -a "$out/log.txt" >&2
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
same = [len({tuple(h[:2]) for h in x} & {tuple(h[:2]) for h in y}) for x, y in zip(a, b)]
exact = sum(x == y for x, y in zip(a, b))
print("%s: hybrid top 10 of %d queries: %s of 10 results shared with the single-machine index, %d lists identical" % (sys.argv[3], len(a), same, exact))
EOF
}
searches() { # index dir: the top 10 (path, line, score) of a few queries, one JSON line each
  for q in "wait until all tasks complete" "split a stream into parallel chunks" "lock free queue insertion" \
    "atomically update a value with compare and set" "collect stream elements into a map"; do
    cli/engine-cli search "$q" --index-dir "$1" -k 10 --format json 2>/dev/null | python3 -c '
import json, sys
print(json.dumps([(h["path"], h.get("start_line"), round(h["score"], 5)) for h in json.load(sys.stdin)["results"]]))'
  done
}

# The single-machine index of the same sample, for the comparison
t0=$(date +%s.%N)
cli/engine-cli index "$work/repo" --index-dir "$work/local" --model "$model" > /dev/null 2> "$work/logs/local.log"
log "single machine: $(echo "$(date +%s.%N) - $t0" | bc) s wall"
searches "$work/local" > "$work/local.search"

# 1. Speculation: a copy of a task still running once half the tasks are done and it ran as long as their median (the
# efficiency rule, on by default, would judge by input read per second, and these tasks read no Spark input)
submit "$work/speculative" speculative --conf spark.speculation=true --conf spark.speculation.quantile=0.5 \
  --conf spark.speculation.multiplier=1.0 --conf spark.speculation.minTaskRuntime=1s \
  --conf spark.speculation.efficiency.enabled=false
attempts speculative | tee -a "$out/log.txt" >&2
check "$work/speculative" speculative

# 2. An executor killed mid-task: SIGKILL to an executor JVM of this application 8 s after it started a task
# (the runs are sequential: the earlier application's executors have exited by now)
before=$(ls -d "$work"/workers/*/app-* 2>/dev/null | sort)
(
  for _ in $(seq 600); do
    for d in $(ls -d "$work"/workers/*/app-* 2>/dev/null | sort); do
      if ! grep -qxF "$d" <<< "$before" && grep -qs "Running task" "$d"/*/stderr; then
        sleep 8
        pid=$(pgrep -f "CoarseGrainedExecutorBackend.*--app-id $(basename "$d")" | head -1 || true)
        [ -n "$pid" ] && kill -9 "$pid" && echo "killed executor JVM $pid (SIGKILL) 8 s into its task" >> "$out/log.txt"
        exit 0
      fi
    done
    sleep 0.5
  done
) &
killer=$!
submit "$work/killed" executor-killed
wait "$killer" || true
attempts executor-killed | tee -a "$out/log.txt" >&2
check "$work/killed" killed

# 3. Run 2's index again: nothing left to embed
submit "$work/killed" rerun
attempts rerun | tee -a "$out/log.txt" >&2
python3 - "$work/rerun.json" <<'EOF' | tee -a "$out/log.txt" >&2
import json, sys
r = json.load(open(sys.argv[1]))
p2 = r.get("phase2") or {}
print("rerun: phase 2 missing %s, embedded %s" % (p2.get("missing"), p2.get("embedded")))
sys.exit(0 if not p2.get("missing") else 1)
EOF
log "done: results in $out"
