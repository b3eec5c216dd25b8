#!/usr/bin/env bash
# Issue 17's language table (bench/README.md): each language with a grammar chunked by declaration on one
# thread over a real corpus of it (the JDK, the Python standard library, Rust crates and Go's sources on this
# machine; the other languages from ~/.cache/mvs-engine/bench/langs/<language>/, whose SOURCES.md says where
# they come from): files/s, MB/s, chunks, kinds, files that fell back and why. A few minutes on 2 cores.
#
#   ./bench/languages.sh             results in bench/results/<date>-languages/
#   more: --repeats N (default 3), --only java,python,..., --langs DIR, --out DIR
set -euo pipefail
# shellcheck source=bench/common.sh
source "$(dirname "$0")/common.sh"
stdlib="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
exec "${bench_java[@]}" -Xmx4g dev.mvs.bench.e2e.LanguageTable --python-stdlib "$stdlib" "$@"
