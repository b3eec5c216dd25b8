#!/usr/bin/env bash
# Start-up A/B of two installed launchers (`engine-cli install BIN --lib DIR` of two builds) on one index:
# a keyword and a hybrid search as whole processes, the two builds interleaved query by query, one
# warm-up each, then ROUNDS × 7 queries per figure; prints every time and the medians.
#   startup-ab.sh BEFORE_LAUNCHER AFTER_LAUNCHER INDEX_DIR [ROUNDS]
set -euo pipefail
before=$1; after=$2; index=$3; rounds=${4:-3}
queries=("read a file line by line" "parse a date from a string" "thread pool shutdown" "compare two strings ignoring case"
  "retry after a timeout" "sort a list by a key" "open a socket connection")
declare -A ms
for l in before after; do for mode in keyword hybrid; do
  "${!l}" search "hash map resize when full" --mode $mode --index-dir "$index" -k 10 >/dev/null 2>&1
done; done
for _ in $(seq "$rounds"); do for q in "${queries[@]}"; do for mode in keyword hybrid; do for l in before after; do
  t0=$(date +%s%N); "${!l}" search "$q" --mode $mode --index-dir "$index" -k 10 >/dev/null 2>&1; t1=$(date +%s%N)
  ms[$l-$mode]+="$(( (t1 - t0) / 1000000 )) "
done; done; done; done
for k in before-keyword after-keyword before-hybrid after-hybrid; do
  n=$(printf '%s\n' ${ms[$k]} | wc -l)
  echo "$k: $(printf '%s\n' ${ms[$k]} | sort -n | tr '\n' ' ')-> median $(printf '%s\n' ${ms[$k]} | sort -n | sed -n "$(( (n + 1) / 2 ))p") ms"
done
