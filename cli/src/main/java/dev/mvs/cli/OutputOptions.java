package dev.mvs.cli;

import picocli.CommandLine.Option;

/** Options every command has: how to print the result, and whether a failure shows its stack trace. */
final class OutputOptions {

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    // Read by FailureHandler through the parse result (hasMatchedOption("-x")).
    @Option(names = {"-x", "--stacktrace"}, description = "Print the stack trace of a failure.")
    boolean stacktrace;

    boolean json() {
        return format == OutputFormat.json;
    }
}
