#!/usr/bin/env bash
# Issue 18's index choice (bench/README.md): the same vectors in each Lance vector index type through
# mvs-engine (IVF_RQ, IVF_PQ, IVF_SQ, IVF_HNSW_SQ), the official Lance Java binding and Lucene HNSW, at
# the JDK + Python + Go corpus's size (~240k) and four times it (noisy copies; the mvs-engine index types only):
# build time, disk, p50/p99 and
# recall@10 (plain and tie-aware) over a sweep of settings. Builds the corpus's index first when missing
# (hash embedder by default: minutes; --model NAME for a real model, hours).
#
#   ./bench/index-types.sh                 results in bench/results/<date>-index-types/
#   more: --repeats N (3), --scale N (4; 0: none), --large-repeats N (1), --engines a,b, --large-engines a,b,
#         --model NAME, --out DIR, --index DIR (an index of --model to take the vectors from, as it is)
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
exec "${bench_java[@]}" --add-modules=jdk.incubator.vector -Xmx8g dev.mvs.bench.e2e.IndexTypes --python-stdlib "$stdlib" "$@"
