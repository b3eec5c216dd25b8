#!/bin/bash
# ab.sh ROUNDS INDEX BASE_JAR: Modes.java (this directory) with BASE_JAR and with bench/target/benchmarks.jar,
# alternating, the order flipped each round. BASE_JAR: `mvn -DskipTests -Pbench package -pl bench -am` in a
# worktree of the code before, with build/native copied into it first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."
JAVA_HOME=$(./build-native.sh --java-home)
run() { LANCE_CPU_THREADS=2 "$JAVA_HOME/bin/java" -Xmx6g --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$1" "$here/Modes.java" "$2" 200 3 2>/dev/null; }
for r in $(seq 1 "$1"); do
  if [ $((r % 2)) -eq 1 ]; then order="base now"; else order="now base"; fi
  for w in $order; do
    jar=bench/target/benchmarks.jar; [ "$w" = base ] && jar=$3
    echo "round $r $w: $(run "$jar" "$2")"
  done
done
