package dev.mvs.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code engine-cli}: the command line of mvs-engine. */
@Command(
        name = "engine-cli",
        mixinStandardHelpOptions = true,
        version = "engine-cli " + EngineCli.VERSION,
        description = "Index a repository and search it (mvs-engine: Lance storage through Java FFM).",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  the operation failed (the message says why; -x prints the stack trace)",
            "  2  invalid command line",
            "  3  the index is missing, locked or incompatible (the message names the command that fixes it)"})
public final class EngineCli {

    /** The version --version prints and the MCP server reports. */
    static final String VERSION = "0.1.0";
    /** Exit code for a failed operation. */
    static final int FAILED = 1;
    /** Exit code for a bad command line (picocli's own usage code). */
    static final int USAGE = 2;
    /** Exit code for an index that is missing, locked, incompatible, or in the way. */
    static final int INDEX_UNAVAILABLE = 3;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Every subcommand by name, in the order --help lists them. */
    static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("index", IndexCommand::new);
        all.put("search", SearchCommand::new);
        all.put("status", StatusCommand::new);
        all.put("verify", VerifyCommand::new);
        all.put("versions", VersionsCommand::new);
        all.put("restore", RestoreCommand::new);
        all.put("compact", CompactCommand::new);
        all.put("reset", ResetCommand::new);
        all.put("watch", WatchCommand::new);
        all.put("mcp", McpCommand::new);
        all.put("doctor", DoctorCommand::new);
        all.put("install", InstallCommand::new);
        all.put("aot-cache", AotCacheCommand::new);
        all.put(AotTrainingCommand.NAME, AotTrainingCommand::new);
        all.put(FoldCommand.NAME, FoldCommand::new);
        return all;
    }

    /** Runs one command line; results go to {@code out}, diagnostics and progress to {@code err}. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new EngineCli());
        // Building picocli's model of a command reflects over its class: a run that names its command
        // builds only that one (start-up, docs/packaging.md); anything else (--help, a typo) gets them all.
        Map<String, Supplier<Object>> all = subcommands();
        Supplier<Object> named = args.length > 0 ? all.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(args[0], named.get());
        } else {
            all.forEach((name, command) -> cli.addSubcommand(name, command.get()));
            cli.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli.execute(args);
    }
}
