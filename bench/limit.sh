#!/usr/bin/env bash
# Phase 2 against this machine's limit (issue 16, bench/README.md): the sustained fp32 and int8 GEMM rates of
# ONNX Runtime's kernels, then, for each configuration of a model table (bench/models.sh), the matrix work its
# run did and the fraction of the model's time that work accounts for at those rates. A few minutes.
#
#   ./bench/limit.sh [MODELS_RESULTS_DIR]   default: the newest bench/results/*-models/; writes limit.md and
#                                           limit.json there (the model table's indexes must still exist)
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
dir="${1:-$(find bench/results -maxdepth 1 -type d -name '*-models' | sort | tail -1)}"
[ -f "$dir/results.json" ] || { echo "limit: no model table at '$dir' (run ./bench/models.sh first)" >&2; exit 2; }
exec "${bench_java[@]}" -Xmx4g dev.mvs.bench.limit.PhaseTwoLimit "$dir/results.json" "$dir"
