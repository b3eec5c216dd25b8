#!/usr/bin/env bash
# Issue 17's table (bench/README.md): phase 1 with line windows against declaration chunks on the JDK
# sources, the Python standard library, Go's own sources and Rust crates from the cargo registry (median of
# repeats, each run in its own JVM), then hit@1/hit@5 per search mode of both chunkers with the default
# model on the Python standard library and a JDK sample. About 25 minutes on 2 cores.
#
#   ./bench/chunkers.sh              results in bench/results/<date>-chunkers/ (an interrupted relevance part resumes)
#   more: --repeats N (default 5), --corpora jdk,python,go,rust, --no-relevance, --out DIR, --work DIR
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
exec "${bench_java[@]}" -Xmx4g dev.mvs.bench.e2e.ChunkerTable --python-stdlib "$stdlib" "$@"
