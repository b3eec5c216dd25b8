package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.engine.admin.IndexAdmin;
import dev.mvs.engine.report.Json;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engine-cli compact}: maintenance now, with what it reclaimed. */
@Command(name = "compact", mixinStandardHelpOptions = true, description = {
    "Compacts every table (merging fragments, dropping deleted rows), folds unindexed rows into the indexes, and "
            + "cleans up old versions (older than 10 minutes beyond the newest 20, so running searches are safe)."})
final class CompactCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IndexDirOption index;

    @Mixin
    WaitOption wait;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        IndexAdmin.CompactReport r;
        try (Engine engine = Engine.start(0)) {
            r = engine.admin(index.resolved()).compact(wait.duration(), m -> err.println("compact: " + m));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json()
                ? Json.write(Json.object("bytes_before", r.bytesBefore(), "bytes_after", r.bytesAfter(), "fragments_before", r.fragmentsBefore(),
                        "fragments_after", r.fragmentsAfter(), "compactions", r.maintenance().compactions(), "indexes_optimized",
                        r.maintenance().optimized(), "versions_removed", r.maintenance().versionsRemoved()))
                : String.format(Locale.ROOT, "fragments %d -> %d, on disk %,.1f -> %,.1f MiB (%d tables compacted, %d indexes optimized, %d old versions removed)",
                        r.fragmentsBefore(), r.fragmentsAfter(), r.bytesBefore() / 1048576.0, r.bytesAfter() / 1048576.0, r.maintenance().compactions(),
                        r.maintenance().optimized(), r.maintenance().versionsRemoved()));
        out.flush();
        return 0;
    }
}
