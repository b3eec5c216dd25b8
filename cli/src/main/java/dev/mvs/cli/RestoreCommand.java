package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.engine.report.Json;
import dev.mvs.engine.store.RunLog;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engine-cli restore RUN}: rolls files, chunks and vectors back to a completed run, together. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = {
    "Rolls all three tables back to the versions recorded at the end of completed run RUN (see engine-cli versions). "
            + "Nothing is deleted: the restore is a new version, so it can be undone by restoring a later run. The next "
            + "engine-cli index brings the index back in step with the working tree."})
final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "Run number from engine-cli versions.")
    int run;

    @Mixin
    IndexDirOption index;

    @Mixin
    WaitOption wait;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        RunLog.Snapshot s;
        try (Engine engine = Engine.start(1)) {
            s = engine.admin(index.resolved()).restore(run, wait.duration());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json()
                ? Json.write(Json.object("restored_run", s.run(), "files", s.files(), "chunks", s.chunks(), "vectors", s.vectors()))
                : String.format(Locale.ROOT, "restored run %d (%s): %,d files, %,d chunks, %,d vectors", s.run(), s.finished(), s.files(), s.chunks(),
                        s.vectors()));
        out.flush();
        return 0;
    }
}
