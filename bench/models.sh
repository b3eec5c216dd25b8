#!/usr/bin/env bash
# Issue 16's model table (bench/README.md): every shipped embedding model × {chunk text, header + text}
# and today's default with the old batching, each a fresh index of the Python standard library (without
# its tests) in its own JVM; phase-2 rate, model busy share, load time, peak RSS, hit@1/hit@5 per search
# mode on bench/relevance/python-questions.tsv, int8 against fp32 vectors. About an hour on 2 cores.
#
#   ./bench/models.sh                results in bench/results/<date>-models/ (resumes an interrupted run)
#   more: --out DIR, --work DIR, --max-tokens N, --corpus DIR --questions FILE (instead of the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(./build-native.sh --java-home)"
export JAVA_HOME
export LANCE_CPU_THREADS="${LANCE_CPU_THREADS:-$(nproc)}"
./build-native.sh >&2
if [ ! -f bench/target/benchmarks.jar ] || [ -n "$(find engine/src bindings/src bench/src bench/pom.xml -newer bench/target/benchmarks.jar -print -quit)" ]; then
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" mvn -B -q -DskipTests -Pbench package >&2
fi
args=()
if [[ " $* " != *" --corpus "* ]]; then
  stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
  args+=(--python-stdlib "$stdlib" --questions bench/relevance/python-questions.tsv)
fi
exec "$JAVA_HOME/bin/java" -Xmx4g --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Djava.awt.headless=true -Dmvs.native.path="$PWD/build/native/libmvs_native.so" \
  -cp bench/target/benchmarks.jar dev.mvs.bench.e2e.ModelMatrix "${args[@]}" "$@"
