#!/bin/bash
# ab.sh ROUNDS N REPO INDEX BASE_JAR BASE_NATIVE: one-file runs (OneFile.java "edit", bench/results/2026-12-05-move-rows) of the
# engine in BASE_JAR (A) and of the bench jar here (B), alternated ROUNDS times, N runs each, each engine on its own
# copy of INDEX (an index of REPO), A with the native library BASE_NATIVE, B with build/native's. Both edit the same REPO, so the first run of a round also takes in the other's
# edits: it is left out. Prints every run's time and, at the end, each side's median and share of runs <= 1 s.
set -euo pipefail
rounds=$1 n=$2 repo=$3 index=$4 base_jar=$5 base_native=$6
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."
JAVA_HOME=$(./build-native.sh --java-home)
work=$(mktemp -d)
cp -r "$index" "$work/A"
cp -r "$index" "$work/B"
one_file=bench/results/2026-12-05-move-rows/OneFile.java
for r in $(seq 1 "$rounds"); do
  for side in A B; do
    jar=$([ "$side" = A ] && echo "$base_jar" || echo bench/target/benchmarks.jar)
    lib=$([ "$side" = A ] && echo "$base_native" || echo "$PWD/build/native/libmvs_native.so")
    LANCE_URING_POLL_TIMEOUT_MS=1000 LANCE_CPU_THREADS=2 "$JAVA_HOME/bin/java" -Xmx6g --enable-native-access=ALL-UNNAMED \
      --add-opens=java.base/java.nio=ALL-UNNAMED -Dmvs.native.path="$lib" -cp "$jar" "$one_file" "$repo" "$work/$side" edit "$n" "$((r * 7))" 2>&1 \
      | grep -E '^run [0-9]+ ' | sed "s/^/$side round $r /"
  done
done | tee "$work/runs.txt"
for side in A B; do
  grep "^$side " "$work/runs.txt" | grep -v ' run 0 ' | awk '{print $(NF-1)}' | sort -n \
    | awk -v s="$side" '{t[NR]=$1; if ($1 <= 1000) k++} END {printf "%s: median %d ms of %d runs, %.2f of them <= 1 s\n", s, (NR % 2 ? t[(NR+1)/2] : (t[NR/2]+t[NR/2+1])/2), NR, k/NR}'
done
rm -rf "$work"
