package dev.mvs.cli;

import dev.mvs.engine.error.EngineException;
import dev.mvs.ffi.MvsException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one clear line on stderr (the stack trace only with -x / --stacktrace) and an
 * exit code: 3 for an index that is missing, locked or incompatible, 2 for a request the engine
 * refuses as given (as for a bad command line), 1 for everything else (the operation failed).
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
        return e instanceof EngineException engine ? exitCode(engine) : EngineCli.FAILED;
    }

    static int exitCode(EngineException e) {
        return switch (e) {
            case EngineException.IndexMissing m -> EngineCli.INDEX_UNAVAILABLE;
            case EngineException.IndexBusy b -> EngineCli.INDEX_UNAVAILABLE;
            case EngineException.IncompatibleIndex i -> EngineCli.INDEX_UNAVAILABLE;
            case EngineException.InvalidRequest r -> EngineCli.USAGE;
        };
    }
}
