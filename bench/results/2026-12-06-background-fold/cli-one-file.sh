#!/bin/bash
# cli-one-file.sh ROUNDS N REPO INDEX [PAUSE]: one-file runs of `cli/engine-cli index` as a user at a terminal makes them,
# the fold in the background (B, the default) against --fold-now (A), alternated ROUNDS times, N runs each, each side
# on its own copy of INDEX (an index of REPO). Before each run a comment line is appended to the next .java file of
# jdk/java.base/java/util/concurrent/atomic; PAUSE seconds (default 2) pass between a run's end and the next edit, and B waits first for
# the fold it started to log its result. Both sides edit the same REPO, so the first run of a round also takes in the other
# side's edits: it is left out. Prints every run (wall ms of the process, whether it left a fold, the fold's own
# log line) and, per side, the median, the range and the share of runs <= 1 s, plus the same for runs that folded.
set -euo pipefail
rounds=$1 n=$2 repo=$3 index=$4 pause=${5:-2}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."
work=$(mktemp -d)
cp -r "$index" "$work/A"
cp -r "$index" "$work/B"
mapfile -t files < <(find "$repo/jdk/java.base/java/util/concurrent/atomic" -name '*.java' | sort)
edit=0
for r in $(seq 1 "$rounds"); do
  for side in A B; do
    for i in $(seq 0 "$n"); do
      f=${files[$((edit % ${#files[@]}))]}; edit=$((edit + 1))
      echo "// edit $edit" >> "$f"
      flags=(); [ "$side" = A ] && flags=(--fold-now)
      t0=$(date +%s%N)
      cli/engine-cli index "$repo" --index-dir "$work/$side" --format json "${flags[@]}" > "$work/out.json" 2> "$work/err.txt"
      ms=$(( ($(date +%s%N) - t0) / 1000000 ))
      due=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["vector_fold_due"])' "$work/out.json")
      folded=$(grep -c "kept vector search on its fast path" "$work/err.txt" || true)
      background=$(grep -c "in the background" "$work/err.txt" || true)
      fold=""
      if [ "$background" != 0 ]; then
        until grep -qE '^(folded|nothing to fold|writer busy) in' "$work/$side/fold.log" 2> /dev/null; do sleep 0.05; done
        fold="background: $(tail -1 "$work/$side/fold.log")"
      fi
      why=$(cat "$work/err.txt" "$work/$side/fold.log" 2> /dev/null | grep -o 'kept vector search on its fast path ([^)]*)' | tail -1 || true)
      [ "$background" != 0 ] || [ "$folded" != 0 ] || why=""
      echo "$side round $r run $i $ms ms due=$due folded_in_run=$folded $fold ${why:+[$why]}"
      sleep "$pause"
    done
  done
done | tee "$work/runs.txt"
for side in A B; do
  for what in all fold; do
    grep "^$side " "$work/runs.txt" | grep -v ' run 0 ' | { [ "$what" = fold ] && grep -E 'due=True|folded_in_run=[1-9]' || cat; } \
      | awk '{print $6}' | sort -n \
      | awk -v s="$side" -v w="$what" 'NF {t[NR]=$1; if ($1 <= 1000) k++} END {if (NR) printf "%s %s: median %d ms (%d-%d) of %d runs, %d of them <= 1 s\n", s, w, (NR % 2 ? t[(NR+1)/2] : (t[NR/2]+t[NR/2+1])/2), t[1], t[NR], NR, k}'
  done
done
rm -rf "$work"
