"""A short MCP session against `engine-cli mcp` with the Python SDK (PyPI `mcp`), a client independent of the
Java SDK the server is built on. McpCommandTest runs it; it exits non-zero with the reason on stderr when an
answer is not what the index holds.

    python mcp_session.py EXPECTED_TOP_PATH -- SERVER_COMMAND...
"""
import asyncio
import json
import sys

from mcp import ClientSession, StdioServerParameters, stdio_client

TOOLS = ["search_code", "find_similar", "read_chunk", "index_status", "reindex"]


def check(condition, message):
    if not condition:
        raise AssertionError(message)


async def session(expected_top, command):
    server = StdioServerParameters(command=command[0], args=command[1:], env={"LC_ALL": "C.UTF-8"})
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as s:
            init = await s.initialize()
            check(init.server_info.name == "mvs-engine", f"server name: {init.server_info}")

            tools = (await s.list_tools()).tools
            check([t.name for t in tools] == TOOLS, f"tools: {[t.name for t in tools]}")
            check(all(t.output_schema for t in tools), "every tool has an output schema")

            # The client re-validates structured content against the tool's output schema.
            found = await s.call_tool("search_code", {"query": "one writer process per index, an OS file lock", "limit": 3})
            check(not found.is_error, f"search_code failed: {found.content}")
            results = found.structured_content["results"]
            check(results and results[0]["path"] == expected_top, f"top result: {results[:1]}")
            check(found.content[0].text.startswith(f"{len(results)} results"), f"text: {found.content[0].text[:80]}")

            status = await s.call_tool("index_status", {})
            check(not status.is_error and status.structured_content["files"] > 0, f"index_status: {status.structured_content}")

            bad = await s.call_tool("search_code", {"query": "lock", "mode": "fuzzy"})
            check(bad.is_error and "mode" in bad.content[0].text, f"a bad mode is a tool error: {bad}")

            again = await s.call_tool("search_code", {"query": "writer lock owner pid", "limit": 1})
            check(not again.is_error, "the server answers after an error")
            print(json.dumps({"protocol": init.protocol_version, "tools": len(tools), "top": results[0]["path"],
                              "files": status.structured_content["files"]}))


def main():
    split = sys.argv.index("--")
    asyncio.run(session(sys.argv[1], sys.argv[split + 1:]))


if __name__ == "__main__":
    main()
