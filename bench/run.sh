#!/usr/bin/env bash
# The end-to-end benchmark (bench/README.md): real corpora through mvs-engine, the same vectors
# through the official Lance Java binding (JNI) and Lucene's HNSW, each figure repeated in fresh
# processes; writes results.json, results.md and PNG plots.
#
#   ./bench/run.sh            full run: JDK + Python stdlib, results in bench/results/<date>/
#                             (the first run embeds 220k chunks with the real model: hours on
#                             2 cores; kept in ~/.cache/mvs-engine/bench and reused afterwards)
#   ./bench/run.sh --quick    a few minutes; results in bench/target/results-quick/ (run by CI)
#   ./bench/run.sh --model hash   full corpora, stored vectors from the word-hashing embedder
#                             (minutes instead of hours; results in bench/results/<date>-hash-vectors/)
#   more: --repeats N (default 3), --work DIR, --out DIR, --python-stdlib DIR, --queries N
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
args=()
if stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])' 2>/dev/null)" && [ -d "$stdlib" ]; then
  args+=(--python-stdlib "$stdlib")
fi
exec "${bench_java[@]}" -Xmx8g dev.mvs.bench.e2e.EndToEnd "${args[@]}" "$@"
