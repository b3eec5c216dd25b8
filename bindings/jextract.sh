#!/usr/bin/env bash
# Regenerates the raw FFM layer (dev.mvs.ffi.internal) from native/include/mvs_native.h.
#
#   JEXTRACT=/path/to/jextract bindings/jextract.sh
#
# jextract is in no package registry: build it yourself from github.com/openjdk/jextract (its
# README; javac + libclang) and point JEXTRACT at its launcher. This script only runs it. The
# output is committed; CI never runs jextract, and a Java test (HeaderBindingsTest) fails when the
# header and these bindings disagree.
#
# Java 22: jextract's master output calls SymbolLookup.findOrThrow (JDK 23+). We keep
# --release 22 by rewriting those calls to find(name).orElseThrow() after generation (the only change
# made to the generated code; it is applied below, never by hand).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
header="$here/../native/include/mvs_native.h"
out="$here/src/main/java"
pkg=dev.mvs.ffi.internal
: "${JEXTRACT:?set JEXTRACT to a jextract launcher (see the top of this script)}"

# clang's own builtin headers (stdint.h, stddef.h); Debian's clang-14 puts them here.
clang_include="${CLANG_INCLUDE:-$(ls -d /usr/lib/llvm-*/lib/clang/*/include 2>/dev/null | sort -V | tail -n 1)}"

# The allowlist: exactly the C ABI, nothing from the system headers.
symbols=(
  --include-constant MVS_ABI_VERSION
  --include-constant MVS_VERSION_LATEST
  --include-typedef mvs_status
  --include-constant MVS_STATUS_OK
  --include-constant MVS_STATUS_INVALID_ARGUMENT
  --include-constant MVS_STATUS_NOT_FOUND
  --include-constant MVS_STATUS_ALREADY_EXISTS
  --include-constant MVS_STATUS_COMMIT_CONFLICT
  --include-constant MVS_STATUS_IO
  --include-constant MVS_STATUS_CORRUPT
  --include-constant MVS_STATUS_CANCELLED
  --include-constant MVS_STATUS_NOT_SUPPORTED
  --include-constant MVS_STATUS_INTERNAL
  --include-constant MVS_STATUS_PANIC
  --include-constant MVS_STATUS_TIMEOUT
  --include-constant MVS_VECTOR_INDEX_IVF_PQ
  --include-constant MVS_VECTOR_INDEX_IVF_SQ
  --include-constant MVS_VECTOR_INDEX_IVF_HNSW_SQ
  --include-constant MVS_VECTOR_INDEX_IVF_RQ
  --include-constant MVS_DISTANCE_DEFAULT
  --include-constant MVS_DISTANCE_L2
  --include-constant MVS_DISTANCE_COSINE
  --include-constant MVS_DISTANCE_DOT
  --include-constant MVS_SCALAR_INDEX_BTREE
  --include-constant MVS_SCALAR_INDEX_BITMAP
  --include-constant MVS_CHUNK_OK
  --include-constant MVS_CHUNK_UNSUPPORTED
  --include-constant MVS_CHUNK_TIMED_OUT
  --include-constant MVS_CHUNK_UNPARSABLE
  --include-constant MVS_CHUNK_MINIFIED
)
# Every struct the header defines (caller-allocated parameter and result structs).
while read -r st; do symbols+=(--include-struct "$st" --include-typedef "$st"); done < <(
  grep -oE '^typedef struct (mvs_[a-z0-9_]+) \{' "$header" | awk '{print $3}' | sort -u)
# Every function the header declares (mvs_*), so a new export is never forgotten here.
while read -r fn; do symbols+=(--include-function "$fn"); done < <(
  grep -oE '\bmvs_[a-z0-9_]+\(' "$header" | tr -d '(' | sort -u)

rm -rf "$out/${pkg//.//}"
"$JEXTRACT" ${clang_include:+-I "$clang_include"} -t "$pkg" --output "$out" "${symbols[@]}" "$header"
find "$out/${pkg//.//}" -name '*.java' -exec sed -i -E 's/\.findOrThrow\(([^)]*)\)/.find(\1).orElseThrow()/g' {} +
echo "jextract.sh: regenerated $(find "$out/${pkg//.//}" -name '*.java' | wc -l) files in $out/${pkg//.//}" >&2
