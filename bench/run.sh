#!/usr/bin/env bash
# The end-to-end benchmark (bench/README.md): real corpora through mvs-engine, the same vectors
# through the official Lance Java binding (JNI) and Lucene's HNSW, each figure repeated in fresh
# processes; writes results.json, results.md and PNG plots.
#
#   ./bench/run.sh            full run: JDK + Python stdlib, results in bench/results/<date>/
#                             (the first run embeds 220k chunks with the real model: hours on
#                             2 cores; kept in ~/.cache/mvs-engine/bench and reused afterwards)
#   ./bench/run.sh --quick    a few minutes; results in bench/target/results-quick/ (run by CI)
#   ./bench/run.sh --model hash   full corpora, stored vectors from the word-hashing embedder
#                             (minutes instead of hours; results in bench/results/<date>-hash-vectors/)
#   more: --repeats N (default 3), --work DIR, --out DIR, --python-stdlib DIR, --queries N
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(./build-native.sh --java-home)"
export JAVA_HOME
# Per-process Lance CPU pool (docs/threads.md), inherited by every stage's child JVM, as the launchers set it.
export LANCE_CPU_THREADS="${LANCE_CPU_THREADS:-$(nproc)}"
./build-native.sh >&2
if [ ! -f bench/target/benchmarks.jar ] || [ -n "$(find engine/src bindings/src bench/src bench/pom.xml -newer bench/target/benchmarks.jar -print -quit)" ]; then
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" mvn -B -q -DskipTests -Pbench package >&2
fi
args=()
if stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])' 2>/dev/null)" && [ -d "$stdlib" ]; then
  args+=(--python-stdlib "$stdlib")
fi
exec "$JAVA_HOME/bin/java" -Xmx8g --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Djava.awt.headless=true -Dmvs.native.path="$PWD/build/native/libmvs_native.so" \
  -cp bench/target/benchmarks.jar dev.mvs.bench.e2e.EndToEnd "${args[@]}" "$@"
