package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.engine.admin.IndexAdmin;
import dev.mvs.engine.report.Json;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code engine-cli fold} (hidden): the vector fold {@code engine-cli index} leaves behind it and starts in a process of
 * its own ({@link BackgroundFold}); never waits for a writer. Exit code 0 whether it folded, found nothing to fold, or
 * left the fold to a writer holding the lock.
 */
@Command(name = FoldCommand.NAME, hidden = true, mixinStandardHelpOptions = true, description = {
    "Folds the rows an index run left outside the vector index into it, when they outgrow what searches serve "
            + "themselves. engine-cli index starts it in the background (log: <index>/fold.log); it gives up at once when "
            + "another writer holds the index, whose run folds them instead."})
final class FoldCommand implements Callable<Integer> {

    static final String NAME = "fold";

    @Spec
    CommandSpec spec;

    @Mixin
    IndexDirOption index;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        err.println("fold: pid " + ProcessHandle.current().pid() + ", " + index.resolved());
        err.flush();
        IndexAdmin.FoldReport r;
        try (Engine engine = Engine.start(0)) {
            r = engine.admin(index.resolved()).foldVectors(m -> err.println("fold: " + m));
        }
        String outcome = r.outcome().name().toLowerCase(Locale.ROOT);
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json() ? Json.write(Json.object("outcome", outcome, "ms", r.millis()))
                : String.format(Locale.ROOT, "%s in %,d ms", outcome.replace('_', ' '), r.millis()));
        out.flush();
        return 0;
    }
}
