#!/bin/bash
# j.sh [java args] -- PROBE-ARGS: runs $PROBE.java from this directory against the bench jar (mvn -Pbench package).
# NATIVE: the native library to load (default: the one the bench jar carries); PROBE_DIR: where $PROBE.java is (default: here).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
probes=${PROBE_DIR:-$here}
cd "$here/../../.."
JAVA_HOME=$(./build-native.sh --java-home)
jargs=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do jargs+=("$1"); shift; done
[ $# -gt 0 ] && shift
${NATIVE:+export MVS_NATIVE_PATH=$NATIVE}
LANCE_URING_POLL_TIMEOUT_MS=1000 LANCE_CPU_THREADS=2 "$JAVA_HOME/bin/java" -Xmx6g "${jargs[@]}" --enable-native-access=ALL-UNNAMED \
  --add-opens=java.base/java.nio=ALL-UNNAMED -cp bench/target/benchmarks.jar "$probes/$PROBE.java" "$@"
