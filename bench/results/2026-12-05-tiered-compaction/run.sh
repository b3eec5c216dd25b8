#!/bin/bash
# run.sh INDEX MODE: Compact.java on a fresh copy of INDEX's chunks.lance (MODE whole or tiered).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
copy=$(mktemp -d /tmp/mvs-compact-XXXX)
cp -r "$1/gen-000001/chunks.lance" "$copy/"
sync
PROBE=Compact "$here/j.sh" -- "$copy/chunks.lance" "$2" 2>&1 | grep -v WARNING
rm -rf "$copy"
