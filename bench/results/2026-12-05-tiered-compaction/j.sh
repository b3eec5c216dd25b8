#!/bin/bash
# j.sh [java args] -- PROBE-ARGS: runs $PROBE.java from this directory, through 2026-12-05-move-rows/j.sh.
here=$(cd "$(dirname "$0")" && pwd)
PROBE_DIR=$here exec "$here/../2026-12-05-move-rows/j.sh" "$@"
