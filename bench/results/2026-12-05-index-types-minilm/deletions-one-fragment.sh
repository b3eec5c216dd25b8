#!/usr/bin/env bash
# 1 and 2 fragments with deletions vs fresh, stock library, SemanticSplit 400 queries, 3 rounds.
set -euo pipefail
cd /work/main
J="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp bench/target/benchmarks.jar -Dmvs.native.path=build/native/libmvs_native.so"
F=~/.cache/mvs-engine/bench/jdk-python-go-all-minilm-l6-v2-q-index
VM=${VECTOR_MASK:?set VECTOR_MASK to a built native/examples/vector_mask}
rm -rf /tmp/s36/d1 /tmp/s36/d2
cp -a $F /tmp/s36/d1
$VM /tmp/s36/d1/gen-000001/vectors.lance delete "path = 'jdk/java.base/java/util/HashMap.java'" | grep "vector_idx:" | tail -1
cp -a /tmp/s36/d1 /tmp/s36/d2
$VM /tmp/s36/d2/gen-000001/vectors.lance delete "path LIKE 'go/src/net/http/%'" | grep "vector_idx:" | tail -1
for r in 1 2 3; do for idx in $F /tmp/s36/d1 /tmp/s36/d2; do
  printf "round %d %-28s " $r "$(basename $idx)"; $J dev.mvs.bench.SemanticSplit $idx 400 2>/dev/null | grep -E "deleted rows|vector query" | tr '\n' ' '; echo
done; done
rm -rf /tmp/s36/d1 /tmp/s36/d2
