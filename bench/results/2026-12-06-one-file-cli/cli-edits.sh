#!/bin/bash
# cli-edits.sh REPO INDEX N OFFSET: N one-file edits (the files OneFile.java picks), each followed by one
# `cli/engine-cli index` process; prints each process's wall time and the median.
set -euo pipefail
repo=$1 index=$2 n=$3 off=${4:-0}
cd "$(dirname "$0")/../../.."
mapfile -t files < <(find "$repo/jdk/java.base/java/util" -name '*.java' | LC_ALL=C sort)
times=()
for ((i = 0; i < n; i++)); do
  f=${files[$(( (i * 37 + off) % ${#files[@]} ))]}
  printf '\n// edit %d\n' "$i" >> "$f"
  t0=$(date +%s%N)
  cli/engine-cli index "$repo" --index-dir "$index" --model hash > /dev/null 2>&1
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  times+=("$ms"); echo "cli run $i ${f#$repo/} $ms ms"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %d ms of %d runs (%d-%d)\n", a[int((NR+1)/2)], NR, a[1], a[NR]}'
