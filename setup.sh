#!/usr/bin/env bash
# Set-up on a fresh Debian/Ubuntu machine, in one go (README, command 1):
#   1. installs the system packages the build needs that are missing (setup/packages.txt; as root or via sudo)
#   2. checks for Rust (rustup; the toolchain is pinned in native/rust-toolchain.toml) and a JDK 25 or newer
#   3. builds the native library (./build-native.sh) and the engine-cli jar (mvn package)
# Safe to run again: each step does only what is missing or changed.
#
#   ./setup.sh              all of the above
#   ./setup.sh --packages   step 1 only (what .ci/run does before the tests)
set -euo pipefail
cd "$(dirname "$0")"
log() { printf 'setup: %s\n' "$*" >&2; }

setup/install-packages.sh
[ "${1:-}" = "--packages" ] && exit 0

command -v cargo >/dev/null || { log "no Rust toolchain: install rustup (https://rustup.rs), then run ./setup.sh again"; exit 2; }
command -v mvn >/dev/null || { log "no Maven: apt-get install -y maven (3.8 or newer), then run ./setup.sh again"; exit 2; }
JAVA_HOME="$(./build-native.sh --java-home)"
export JAVA_HOME

start=$(date +%s)
./build-native.sh
log "mvn package (JAVA_HOME=$JAVA_HOME)"
mvn -B -q -DskipTests package
log "built cli/target/engine-cli.jar in $(( $(date +%s) - start )) s; run cli/engine-cli --help"
