#!/bin/bash
# walk-ab.sh ROUNDS N REPO BASE_JAR: WalkOnly.java (N walks, median of all but the first) with the engine in BASE_JAR (A)
# and in the bench jar (B), alternated ROUNDS times; then RawList.java on 1, 2 and 3 threads, alternated too.
# walk-ab.txt: B was a bench jar built with listing-prefetch.patch applied (the engine now walks as A does).
set -euo pipefail
rounds=$1 n=$2 repo=$3 base_jar=$4
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."
JAVA_HOME=$(./build-native.sh --java-home)
run() { "$JAVA_HOME/bin/java" -Xmx2g --enable-native-access=ALL-UNNAMED -cp "$1" "$here/$2.java" "${@:3}" 2>/dev/null; }
for r in $(seq 1 "$rounds"); do
  echo "A (base) round $r: $(run "$base_jar" WalkOnly "$repo" "$n")"
  echo "B (this) round $r: $(run bench/target/benchmarks.jar WalkOnly "$repo" "$n")"
done
for r in $(seq 1 "$rounds"); do
  for t in 1 2 3; do echo "raw round $r: $(run bench/target/benchmarks.jar RawList "$repo" "$n" "$t")"; done
done
