#!/bin/bash
# comprun.sh K INDEX: K replicates of CompactionRun.java on fresh copies of the benchmark's tree and index after its
# 30 runs (INDEX: the index ./bench/incremental.sh left, /tmp/mvs-incremental-*/index; the tree it edited is
# ~/.cache/mvs-engine/bench/incremental-jdk-python-go until the next benchmark discards it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=${TMPDIR:-/tmp}
for k in $(seq 1 "$1"); do
  rm -rf "$tmp/mvs-cr-index" "$tmp/mvs-cr-repo"
  cp -a "$2" "$tmp/mvs-cr-index" && cp -a "$HOME/.cache/mvs-engine/bench/incremental-jdk-python-go" "$tmp/mvs-cr-repo" && sync
  PROBE_DIR=$here PROBE=CompactionRun "$here/../2026-12-05-move-rows/j.sh" -- "$tmp/mvs-cr-repo" "$tmp/mvs-cr-index" 6 2>&1 | grep -v WARNING
done
rm -rf "$tmp/mvs-cr-index" "$tmp/mvs-cr-repo"
