#!/bin/bash
# BASE_JAR=... BASE_LIB=... abjar.sh ROUNDS INDEX: Modes.java (2026-12-06-search-planner) with the base jar + library (A) and bench/target/benchmarks.jar + NEW_LIB (B), alternated.
set -euo pipefail
cd "$(dirname "$0")/../../.."
JAVA_HOME=$(./build-native.sh --java-home)
run() { MVS_NATIVE_PATH=$2 LANCE_CPU_THREADS=2 LANCE_URING_POLL_TIMEOUT_MS=1000 "$JAVA_HOME/bin/java" -Xmx6g --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$1" bench/results/2026-12-06-search-planner/Modes.java "$3" 200 3 2>/dev/null; }
for r in $(seq 1 "$1"); do
  if [ $((r % 2)) -eq 1 ]; then order="A B"; else order="B A"; fi
  for w in $order; do
    if [ $w = A ]; then echo "round $r A: $(run ${BASE_JAR:?} ${BASE_LIB:?} "$2")"; else echo "round $r B: $(run bench/target/benchmarks.jar ${NEW_LIB:-build/native/libmvs_native.so} "$2")"; fi
  done
done
