#!/bin/bash
# loop.sh ROUNDS SECONDS JAR:NAME... -- INDEX:NAME...: Loop.java for SEMANTIC and HYBRID, every jar on every index, alternating, ROUNDS times.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rounds=$1 secs=$2; shift 2
jars=(); while [ "$1" != "--" ]; do jars+=("$1"); shift; done; shift
JAVA_HOME=$(cd "$here/../../.." && ./build-native.sh --java-home)
for r in $(seq 1 "$rounds"); do
  for mode in SEMANTIC HYBRID; do
    for idx in "$@"; do
      for jar in "${jars[@]}"; do
        LANCE_URING_POLL_TIMEOUT_MS=1000 LANCE_CPU_THREADS=2 "$JAVA_HOME/bin/java" -Xmx6g --enable-native-access=ALL-UNNAMED \
          --add-opens=java.base/java.nio=ALL-UNNAMED -cp "${jar%%:*}" "$here/../2026-12-05-search-pool/Loop.java" "${idx%%:*}" "$mode" "$secs" 2>&1 \
          | grep -E "searches" | sed "s|^|$r ${jar##*:} ${idx##*:} |"
      done
    done
  done
done
