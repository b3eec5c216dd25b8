#!/usr/bin/env bash
# Issue 19's figures (bench/README.md): time from a file save to the change being searchable under
# engine-cli watch, keyword and semantic, p50 over 25 saves on the JDK + Python index, and the watch's CPU
# use while idle. The first run copies the corpus and builds its index with the default model (about 40
# minutes on 2 cores), kept in ~/.cache/mvs-engine/bench for later runs; then a few minutes.
#
#   ./bench/watch.sh                 results in bench/results/<date>-watch/
#   more: --saves N (default 25), --idle-seconds S (default 30), --out DIR, --work DIR
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
exec "${bench_java[@]}" -Xmx4g dev.mvs.bench.e2e.WatchLatency --python-stdlib "$stdlib" "$@"
