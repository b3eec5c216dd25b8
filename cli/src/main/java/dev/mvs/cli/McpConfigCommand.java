package dev.mvs.cli;

import dev.mvs.engine.report.Json;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engine-cli mcp install-config}: the JSON an MCP client needs to start this server. */
@Command(
        name = "install-config",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the JSON an MCP client's configuration needs to start `engine-cli mcp` on this repository: "
                    + "{\"mcpServers\":{NAME:{\"command\",\"args\",\"cwd\"}}}. Merge it into the client's file (docs/mcp.md "
                    + "names the usual places). The command is the installed launcher when `engine-cli` is on PATH (see "
                    + "`engine-cli install`), else this JVM with the engine's flags and this jar."})
final class McpConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--name", paramLabel = "NAME", description = "The server's name in the client (default: ${DEFAULT-VALUE}).")
    String name = "mvs-engine";

    @Override
    public Integer call() {
        Path root = repository.root();
        Path dir = repository.index();
        List<String> command = command();
        List<String> args = new ArrayList<>(command.subList(1, command.size()));
        args.addAll(List.of("mcp", "--repo", root.toString(), "--index-dir", dir.toString()));
        Map<String, Object> server = Json.object("command", command.getFirst(), "args", args, "cwd", root.toString());
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.write(Json.object("mcpServers", Json.object(name, server))));
        out.flush();
        return 0;
    }

    /** The installed launcher if it is on PATH, else java with the engine's flags and this jar. */
    private static List<String> command() {
        Optional<Path> launcher = onPath("engine-cli");
        if (launcher.isPresent()) {
            return List.of(launcher.get().toString());
        }
        List<String> java = new ArrayList<>();
        java.add(OwnJar.javaLauncher().toString());
        java.addAll(JvmFlags.ALL);
        java.add("-jar");
        java.add(OwnJar.require("printing the MCP configuration without an installed launcher").toString());
        return java;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
