#!/usr/bin/env bash
# The Python MCP client (PyPI package `mcp`, pinned) that McpCommandTest drives `engine-cli mcp` with, as a
# second client independent of the Java SDK. Installed into a venv outside the checkout; safe to run again
# (does nothing when the pinned version is there). setup.sh and .ci/run (through setup.sh --packages) run it.
#
#   MVS_MCP_VENV   where the venv goes (default ~/.cache/mvs-engine/venv-mcp); the tests read the same variable
set -euo pipefail
venv="${MVS_MCP_VENV:-$HOME/.cache/mvs-engine/venv-mcp}"
version=2.3.0
if "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('mcp') != '$version')" 2>/dev/null; then
  exit 0
fi
printf 'setup: installing the Python MCP client mcp==%s into %s\n' "$version" "$venv" >&2
python3 -m venv "$venv" || { printf 'setup: python3 -m venv failed (Debian: apt-get install python3-venv)\n' >&2; exit 2; }
"$venv/bin/pip" install -q --disable-pip-version-check "mcp==$version" >&2
