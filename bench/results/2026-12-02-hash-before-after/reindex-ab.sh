#!/usr/bin/env bash
# A/B of the bench's reindex stage, before (aa02b35) and after, alternating, same index copy each.
set -euo pipefail
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
export LANCE_CPU_THREADS=2
for round in 1 2 3; do
  for side in before after; do
    root=/work/main; [ $side = before ] && root=/work/before
    work=/root/.cache/mvs-engine/bench-$side
    out=$($J --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
      -Dmvs.native.path=$root/build/native/libmvs_native.so -cp $root/bench/target/benchmarks.jar dev.mvs.bench.e2e.Stage \
      reindex $work/jdk-python $work/jdk-python-hash-index syntax "$1" 128 2>/dev/null)
    echo "$side $round $(echo "$out" | python3 -c 'import json,sys; d=json.loads([l for l in sys.stdin.read().splitlines() if l.startswith("RESULT ")][-1][7:]); print({k:d[k] for k in d if k.endswith("_ms")})')"
  done
done
