#!/bin/bash
# c1-ab.sh REPO INDEX PAIRS: one-file edits on an index of the default model, each followed by one `cli/engine-cli index`
# process, alternating the launcher's choice (C1 alone for index) with both tiers (MVS_JAVA_OPTS=-XX:TieredStopAtLevel=4).
set -euo pipefail
cd "$(dirname "$0")/../../.."
repo=$1 index=$2 pairs=$3
mapfile -t files < <(find "$repo/jdk/java.base/java/util" -name '*.java' | LC_ALL=C sort)
c1=() c2=(); i=0
for ((p = 0; p < pairs; p++)); do
  order="c1 c2"; [ $((p % 2)) = 1 ] && order="c2 c1"
  for mode in $order; do
    f=${files[$(( (i * 37 + ${OFFSET:-11}) % ${#files[@]} ))]}; i=$((i + 1))
    printf '\n// edit %d\n' "$i" >> "$f"
    opts=""; [ $mode = c2 ] && opts=-XX:TieredStopAtLevel=4
    t0=$(date +%s%N)
    MVS_JAVA_OPTS="$opts" cli/engine-cli index "$repo" --index-dir "$index" > /tmp/c1-ab-$mode.txt 2>&1
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    echo "$mode $ms ${f#$repo/} ($(grep -E '^phase 2' /tmp/c1-ab-$mode.txt | cut -c1-60))"
    if [ $mode = c1 ]; then c1+=("$ms"); else c2+=("$ms"); fi
  done
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "median %d (%d-%d) of %d", a[int((NR+1)/2)], a[1], a[NR], NR}'; }
echo "launcher (C1 alone): $(med "${c1[@]}")"
echo "both tiers:          $(med "${c2[@]}")"
