#!/usr/bin/env bash
# Set-up on a fresh Debian/Ubuntu machine, in one go (README, command 1):
#   1. installs the system packages the build needs that are missing (setup/packages.txt; as root or via sudo),
#      and the Python MCP client the tests use (setup/python-mcp.sh, a venv under ~/.cache/mvs-engine)
#   2. checks for Rust (rustup; the toolchain is pinned in native/rust-toolchain.toml) and a JDK 25 or newer
#   3. builds the native library (./build-native.sh), the engine-cli jar (mvn package) and its AOT cache
# Safe to run again: each step does only what is missing or changed.
#
#   ./setup.sh              all of the above
#   ./setup.sh --packages   step 1 only (what .ci/run does before the tests)
set -euo pipefail
cd "$(dirname "$0")"
log() { printf 'setup: %s\n' "$*" >&2; }

setup/install-packages.sh
setup/python-mcp.sh
[ "${1:-}" = "--packages" ] && exit 0

command -v cargo >/dev/null || { log "no Rust toolchain: install rustup (https://rustup.rs), then run ./setup.sh again"; exit 2; }
command -v mvn >/dev/null || { log "no Maven: apt-get install -y maven (3.8 or newer), then run ./setup.sh again"; exit 2; }
JAVA_HOME="$(./build-native.sh --java-home)"
export JAVA_HOME

start=$(date +%s)
./build-native.sh
log "mvn package (JAVA_HOME=$JAVA_HOME)"
# Maven's own guava calls sun.misc.Unsafe: without this JDK 25 prints four warnings.
MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" mvn -B -q -DskipTests package
# The AOT cache makes every later engine-cli start faster (docs/packaging.md).
cli/engine-cli aot-cache
log "built cli/target/engine-cli.jar in $(( $(date +%s) - start )) s; run cli/engine-cli --help, or cli/engine-cli install"
