#!/usr/bin/env bash
# Builds native/ (the Lance core behind our C ABI) and puts libmvs_native.so in build/native/,
# where the Java loader, the tests and engine-cli find it.
#
#   ./build-native.sh                  build (incremental; the cargo target dir lives outside the repo)
#   ./build-native.sh --test           build, then rustfmt and clippy (warnings are errors), the Rust tests
#                                      (incl. the header drift check) and the C smoke program that links
#                                      the .so through the header
#   ./build-native.sh --update-header  regenerate native/include/mvs_native.h with cbindgen
#   ./build-native.sh --java-home      print a JDK >= 25 to use as JAVA_HOME (MVS_JAVA_HOME, then
#                                      JAVA_HOME, then the newest in /usr/lib/jvm); the default java
#                                      on many machines is 17, too old (docs/decisions.md: JDK floor)
#
# Environment: MVS_CARGO_TARGET_DIR (default ~/.cache/mvs-engine/target) or CARGO_TARGET_DIR.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export CARGO_TARGET_DIR="${MVS_CARGO_TARGET_DIR:-${CARGO_TARGET_DIR:-$HOME/.cache/mvs-engine/target}}"
out="$here/build/native"
mode="${1:-build}"

log() { printf 'build-native: %s\n' "$*" >&2; }

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

if [ "$mode" = "--java-home" ]; then
  for candidate in "${MVS_JAVA_HOME:-}" "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$(java_major "$candidate")" -ge 25 ] 2>/dev/null; then echo "$candidate"; exit 0; fi
  done
  log "no JDK 25 or newer found; install one (e.g. Temurin 25) or set MVS_JAVA_HOME"
  exit 2
fi

for tool in cargo cc protoc; do
  command -v "$tool" >/dev/null || { log "missing '$tool': run ./setup.sh (it installs setup/packages.txt; Rust comes from rustup)"; exit 2; }
done

# cargo runs inside native/ so rustup picks the toolchain pinned in native/rust-toolchain.toml.
cd "$here/native"
cargo_args=(--release --locked)
start=$(date +%s)
case "$mode" in
  build|--test)
    log "cargo build (target dir $CARGO_TARGET_DIR)"
    cargo build "${cargo_args[@]}"
    mkdir -p "$out"
    built="$CARGO_TARGET_DIR/release/libmvs_native.so"
    if [ "$built" -nt "$out/libmvs_native.so" ] || [ ! -f "$out/libmvs_native.so.sha256" ]; then
      # The symbol table (about 60 MB) only names frames in RUST_BACKTRACE output; users never need it,
      # and it would travel in every jar. The unstripped library stays at $built for debugging.
      cp -f "$built" "$out/libmvs_native.so.tmp"
      strip --strip-unneeded "$out/libmvs_native.so.tmp"
      # The jar's loader extracts the library into a cache directory named by this hash (docs/packaging.md).
      sha256sum "$out/libmvs_native.so.tmp" | cut -d' ' -f1 > "$out/libmvs_native.so.sha256.tmp"
      mv -f "$out/libmvs_native.so.tmp" "$out/libmvs_native.so"
      mv -f "$out/libmvs_native.so.sha256.tmp" "$out/libmvs_native.so.sha256"
    fi
    log "built $out/libmvs_native.so ($(du -h "$out/libmvs_native.so" | cut -f1), stripped) in $(( $(date +%s) - start )) s"
    ;;
  --update-header)
    MVS_UPDATE_HEADER=1 cargo test "${cargo_args[@]}" --test header
    log "regenerated native/include/mvs_native.h"
    exit 0
    ;;
  *) log "unknown option '$mode' (see the top of this script)"; exit 2 ;;
esac

if [ "$mode" = "--test" ]; then
  log "cargo fmt --check, cargo clippy -D warnings"
  cargo fmt --check
  cargo clippy "${cargo_args[@]}" --all-targets -- -D warnings
  log "cargo test"
  cargo test "${cargo_args[@]}"
  log "C smoke test through native/include/mvs_native.h"
  cc -std=c11 -Wall -Wextra -Werror -I "$here/native/include" "$here/native/tests/c/smoke.c" \
     -L "$out" -lmvs_native -Wl,-rpath,"$out" -o "$out/smoke"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  "$out/smoke" "$tmp/smoke.lance"
fi
