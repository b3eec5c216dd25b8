package dev.mvs.cli;

import dev.mvs.engine.index.IncompatibleIndexException;
import dev.mvs.engine.index.IndexBusyException;
import dev.mvs.engine.search.IndexMissingException;
import dev.mvs.ffi.MvsException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one clear line on stderr (the stack trace only with -x / --stacktrace) and
 * exit code 1, 2 for bad arguments found while running, 3 for an index that is missing, locked or incompatible.
 */
final class FailureHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        boolean trace = parsed.hasMatchedOption("-x") || parsed.subcommands().stream().anyMatch(s -> s.hasMatchedOption("-x"));
        String kind = e instanceof MvsException m ? m.getClass().getSimpleName() : null;
        cli.getErr().println("engine-cli: " + (kind == null ? "" : kind + ": ") + e.getMessage());
        if (trace) {
            e.printStackTrace(cli.getErr());
        } else {
            cli.getErr().println("(run again with -x for the stack trace)");
        }
        if (e instanceof IndexBusyException || e instanceof IncompatibleIndexException || e instanceof IndexMissingException) {
            return EngineCli.INDEX_UNAVAILABLE;
        }
        return e instanceof IllegalArgumentException ? EngineCli.USAGE : EngineCli.FAILED;
    }
}
