package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.engine.admin.IndexAdmin;
import dev.mvs.engine.report.Json;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engine-cli versions}: the completed runs the index can be restored to. */
@Command(name = "versions", mixinStandardHelpOptions = true, description = {
    "Lists the completed index runs of the current generation with the versions of files, chunks and vectors at "
            + "the end of each: the points `engine-cli restore RUN` can roll all three tables back to together. Runs whose "
            + "versions were cleaned up (older than 10 minutes beyond the newest 20) are shown as no longer available."})
final class VersionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IndexDirOption index;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        List<IndexAdmin.RestorePoint> points;
        try (Engine engine = Engine.start(1)) {
            points = engine.admin(index.resolved()).versions();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(Json.object("runs", points.stream().map(p -> Json.object("run", p.snapshot().run(), "finished",
                    p.snapshot().finished(), "files_version", p.snapshot().filesVersion(), "chunks_version", p.snapshot().chunksVersion(),
                    "vectors_version", p.snapshot().vectorsVersion(), "files", p.snapshot().files(), "chunks", p.snapshot().chunks(),
                    "vectors", p.snapshot().vectors(), "available", p.available())).toList())));
        } else {
            out.println("run  finished                   files v  chunks v  vectors v      files     chunks    vectors");
            for (IndexAdmin.RestorePoint p : points) {
                var s = p.snapshot();
                out.printf(Locale.ROOT, "%3d  %-26s %7d  %8d  %9d  %9d  %9d  %9d%s%n", s.run(), s.finished(), s.filesVersion(), s.chunksVersion(),
                        s.vectorsVersion(), s.files(), s.chunks(), s.vectors(), p.available() ? "" : "  (cleaned up)");
            }
        }
        out.flush();
        return 0;
    }
}
