#!/usr/bin/env bash
# Start-up of whole engine-cli processes (the installed launcher: AOT cache, C1 only for quick commands) on
# the indexes given, as a person at a terminal waits for them: --help, a keyword and a hybrid search (every
# process fresh: the hybrid one loads the index's model). One warm-up process per figure (page cache), then
# 7 processes, one query each, interleaved over the indexes; prints each figure's runs and median in ms.
#   startup.sh LAUNCHER INDEX...
set -euo pipefail
launcher=$1; shift
queries=("read a file line by line" "parse a date from a string" "thread pool shutdown" "compare two strings ignoring case" "retry after a timeout" "sort a list by a key" "open a socket connection")
declare -A ms
time_ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
"$launcher" --help >/dev/null 2>&1
for idx in "$@"; do for mode in keyword hybrid; do "$launcher" search "hash map resize when full" --mode $mode --index-dir "$idx" -k 10 >/dev/null 2>&1; done; done
for q in "${queries[@]}"; do
  ms[help]+="$(time_ms "$launcher" --help) "
  for idx in "$@"; do for mode in keyword hybrid; do
    ms[$mode $idx]+="$(time_ms "$launcher" search "$q" --mode $mode --index-dir "$idx" -k 10) "
  done; done
done
for k in "${!ms[@]}"; do
  echo "$k: $(printf '%s\n' ${ms[$k]} | sort -n | tr '\n' ' ')-> median $(printf '%s\n' ${ms[$k]} | sort -n | sed -n 4p) ms"
done | sort
