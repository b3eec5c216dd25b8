#!/usr/bin/env bash
# Issue 18's figures (bench/README.md): vector search latency and recall after each of 20 incremental
# runs (edits, a file saved twice, deletes, adds, ten files at once, a renamed directory) against the
# fresh build, on a copy of the JDK + Python + Go sources, with the vector index's health after each
# run. Copies the corpus and builds its index first (the hash embedder by default: minutes; --model
# NAME for a real model, hours), then about a minute per run.
#
#   ./bench/incremental.sh                 results in bench/results/<date>-incremental/
#   more: --runs N (default 20), --model NAME, --out DIR, --work DIR
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
exec "${bench_java[@]}" -Xmx6g dev.mvs.bench.e2e.IncrementalRuns --python-stdlib "$stdlib" "$@"
