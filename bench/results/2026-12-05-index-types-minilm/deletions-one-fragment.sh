#!/usr/bin/env bash
# One fragment with deletions against the fresh index, stock library: SemanticSplit, 400 queries, 3 rounds.
# Two copies: d1 with HashMap.java's rows deleted; d2 = d1 plus a delete of 'go/src/net/http/%', which matched
# no path on this index (Go's paths start otherwise), so d2 repeats d1's state. Kept as it ran (README.md).
#   VECTOR_MASK=<built native/examples/vector_mask> bench/results/2026-12-05-index-types-minilm/deletions-one-fragment.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
java_home="$(./build-native.sh --java-home)"
J="$java_home/bin/java --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp bench/target/benchmarks.jar -Dmvs.native.path=build/native/libmvs_native.so"
F=~/.cache/mvs-engine/bench/jdk-python-go-all-minilm-l6-v2-q-index
VM=${VECTOR_MASK:?set VECTOR_MASK to a built native/examples/vector_mask}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -a "$F" "$work/d1"
$VM "$work/d1/gen-000001/vectors.lance" delete "path = 'jdk/java.base/java/util/HashMap.java'" | grep "vector_idx:" | tail -1
cp -a "$work/d1" "$work/d2"
$VM "$work/d2/gen-000001/vectors.lance" delete "path LIKE 'go/src/net/http/%'" | grep "vector_idx:" | tail -1
for r in 1 2 3; do for idx in "$F" "$work/d1" "$work/d2"; do
  printf "round %d %-28s " $r "$(basename "$idx")"; $J dev.mvs.bench.SemanticSplit "$idx" 400 2>/dev/null | grep -E "deleted rows|vector query" | tr '\n' ' '; echo
done; done
