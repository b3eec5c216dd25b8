#!/usr/bin/env bash
# Start-up of whole engine-cli processes (installed launcher) on the 220k-chunk hash-vector index, and on
# a copy of it whose engine.json names all-minilm-l6-v2, so that a hybrid search loads and runs the real
# model (the stored vectors' values do not change the work an IVF_PQ search does). Both interleaved,
# one warm-up each, then 7 processes per figure (one query each); prints each run and the median.
set -euo pipefail
work=${1:-/root/.cache/mvs-engine/bench-after}
src=$work/jdk-python-hash-index
idx=$work/jdk-python-hash-index-as-minilm
rm -rf "$idx"; cp -al "$src" "$idx"; rm "$idx/engine.json"
python3 - "$src/engine.json" "$idx/engine.json" <<'PY'
import json,sys
d=json.load(open(sys.argv[1])); d["model_id"]="all-minilm-l6-v2"; d["max_tokens"]=128
json.dump(d,open(sys.argv[2],"w"),indent=2)
PY
launcher=$work/startup/bin/engine-cli
queries=("read a file line by line" "parse a date from a string" "thread pool shutdown" "compare two strings ignoring case" "retry after a timeout" "sort a list by a key" "open a socket connection")
declare -A ms
for mode in keyword hybrid; do for i in hash minilm; do
  dir=$src; [ $i = minilm ] && dir=$idx
  "$launcher" search "hash map resize when full" --mode $mode --index-dir "$dir" -k 10 >/dev/null 2>&1
done; done
for q in "${queries[@]}"; do
  for mode in keyword hybrid; do for i in hash minilm; do
    dir=$src; [ $i = minilm ] && dir=$idx
    t0=$(date +%s%N); "$launcher" search "$q" --mode $mode --index-dir "$dir" -k 10 >/dev/null 2>&1; t1=$(date +%s%N)
    ms[$mode-$i]+="$(( (t1 - t0) / 1000000 )) "
  done; done
done
for k in keyword-hash keyword-minilm hybrid-hash hybrid-minilm; do
  sorted=$(printf '%s\n' ${ms[$k]} | sort -n | tr '\n' ' ')
  echo "$k: $sorted-> median $(printf '%s\n' ${ms[$k]} | sort -n | sed -n 4p) ms"
done
