#!/bin/bash
# run.sh MODE [java args]: Materialise.java (MODE both, append or delete) on a fresh copy of $SRC (default: the
# default model's 240k bench index) in $WORK (default /tmp/mvs-move-rows). FILE: the file whose rows are touched.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=$1; shift
work=${WORK:-/tmp/mvs-move-rows}
rm -rf "$work/copy" && mkdir -p "$work/copy" && cp -r "${SRC:-$HOME/.cache/mvs-engine/bench/jdk-python-go-all-minilm-l6-v2-q-index}"/* "$work/copy/"
PROBE=Materialise "$here/j.sh" -Dmode="$mode" "$@" -- "$work/copy" "${FILE:-jdk/java.base/java/util/HashMap.java}" "${WAIT:-0}"
