#!/bin/bash
# ab.sh ROUNDS SECONDS MODE...: Loop.java's p50 per mode, the engine in bench/target/benchmarks.jar ("old")
# against engine/target/classes put first on the class path ("new"), alternating, ROUNDS times.
# Needs both built: mvn -Pbench package (at the old commit), then mvn install -pl engine (at the new one).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."
JAVA_HOME=$(./build-native.sh --java-home)
IDX=${IDX:-$HOME/.cache/mvs-engine/bench/jdk-python-go-all-minilm-l6-v2-q-index}
export LANCE_CPU_THREADS=${LANCE_CPU_THREADS:-$(nproc)}
R=$1; S=$2; shift 2
for r in $(seq "$R"); do
  for m in "$@"; do
    for v in old new; do
      cp=bench/target/benchmarks.jar; [ $v = new ] && cp=engine/target/classes:$cp
      echo "$v $("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$cp" \
        "$here/Loop.java" "$IDX" "$m" "$S" 2>&1 | tail -1)"
    done
  done
done
