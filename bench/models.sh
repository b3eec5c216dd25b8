#!/usr/bin/env bash
# Issue 16's model table (bench/README.md): every shipped embedding model × {chunk text, header + text}
# and today's default with the old batching, each a fresh index of the Python standard library (without
# its tests) in its own JVM; phase-2 rate, model busy share, load time, peak RSS, hit@1/hit@5 per search
# mode on bench/relevance/python-questions.tsv, int8 against fp32 vectors. About an hour on 2 cores.
#
#   ./bench/models.sh                results in bench/results/<date>-models/ (resumes an interrupted run)
#   more: --out DIR, --work DIR, --max-tokens N, --corpus DIR --questions FILE (instead of the defaults)
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
args=()
if [[ " $* " != *" --corpus "* ]]; then
  stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
  args+=(--python-stdlib "$stdlib" --questions bench/relevance/python-questions.tsv)
fi
exec "${bench_java[@]}" -Xmx4g dev.mvs.bench.e2e.ModelMatrix "${args[@]}" "$@"
