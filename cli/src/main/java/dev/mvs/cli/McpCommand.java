package dev.mvs.cli;

import dev.mvs.mcp.EngineMcpServer;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code engine-cli mcp}: the MCP server for coding agents, on stdin/stdout. */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        subcommands = McpConfigCommand.class,
        description = {
            "Serves the index to a coding agent over the Model Context Protocol on stdin/stdout (started by the agent's MCP client; "
                    + "`engine-cli mcp install-config` prints the client configuration). Tools: search_code, find_similar, read_chunk, "
                    + "index_status, reindex (docs/mcp.md). stdout carries the protocol only; diagnostics go to stderr. Without --watch the server "
                    + "never changes the index on its own: reindex runs when the agent asks, under the index's writer lock, and "
                    + "answers at once when another process is indexing. Ends when the client closes stdin."})
final class McpCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--watch", description = "Also keep the index in step with the working tree while serving, as engine-cli watch "
            + "does (an index run at start, then one per batch of saves); searches see each run once it commits.")
    boolean watch;

    @Override
    public Integer call() throws Exception {
        Path root = repository.root();
        Path dir = repository.index();
        // The protocol owns file descriptor 1: anything else printing to System.out (a library) would corrupt it.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        EngineMcpServer.serve(new EngineMcpServer.Options(root, dir, EngineCli.VERSION, watch), System.in, protocol, System.err);
        return 0;
    }
}
