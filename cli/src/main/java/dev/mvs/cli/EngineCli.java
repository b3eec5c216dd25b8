package dev.mvs.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code engine-cli}: the command line of mvs-engine. */
@Command(
        name = "engine-cli",
        mixinStandardHelpOptions = true,
        version = "engine-cli 0.1.0",
        description = "Index a repository and search it (mvs-engine: Lance storage through Java FFM).",
        subcommands = {IndexCommand.class, SearchCommand.class, StatusCommand.class, VerifyCommand.class, VersionsCommand.class,
            RestoreCommand.class, CompactCommand.class, ResetCommand.class, DoctorCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  the operation failed (the message says why; -x prints the stack trace)",
            "  2  invalid command line",
            "  3  the index is missing, locked or incompatible (the message names the command that fixes it)"})
public final class EngineCli {

    /** Exit code for a failed operation. */
    static final int FAILED = 1;
    /** Exit code for a bad command line (picocli's own usage code). */
    static final int USAGE = 2;
    /** Exit code for an index that is missing, locked, incompatible, or in the way. */
    static final int INDEX_UNAVAILABLE = 3;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; results go to {@code out}, diagnostics and progress to {@code err}. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new EngineCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli.execute(args);
    }
}
