# Sourced by bench/run.sh, bench/models.sh and bench/limit.sh: the JDK, the per-process Lance CPU pool, the native
# library and the benchmark jar (rebuilt when a source is newer than it), and the JVM command every
# benchmark main class runs under (bench_java, an array; add -Xmx and the class).
cd "$(dirname "${BASH_SOURCE[0]}")/.."
JAVA_HOME="$(./build-native.sh --java-home)"
export JAVA_HOME
# Per-process Lance CPU pool (docs/threads.md), inherited by every stage's child JVM, as the launchers set it.
export LANCE_CPU_THREADS="${LANCE_CPU_THREADS:-$(nproc)}"
export LANCE_URING_POLL_TIMEOUT_MS="${LANCE_URING_POLL_TIMEOUT_MS:-1000}" # as cli/engine-cli sets it
./build-native.sh >&2
if [ ! -f bench/target/benchmarks.jar ] || [ -n "$(find engine/src bindings/src bench/src bench/pom.xml -newer bench/target/benchmarks.jar -print -quit)" ]; then
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" mvn -B -q -DskipTests -Pbench package >&2
fi
# shellcheck disable=SC2034 # used by the scripts that source this one
bench_java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --sun-misc-unsafe-memory-access=allow -Djava.awt.headless=true -Dmvs.native.path="$PWD/build/native/libmvs_native.so"
  -cp bench/target/benchmarks.jar)
