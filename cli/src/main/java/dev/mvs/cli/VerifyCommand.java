package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.engine.admin.Problem;
import dev.mvs.engine.admin.VerifyReport;
import dev.mvs.engine.report.Json;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engine-cli verify}: reads everything and checks the tables agree. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = {
    "Opens every table of the index, lists its versions, reads every row (a damaged file shows up here), and checks "
            + "that files, chunks and vectors agree (counts, paths, orphan or missing vectors, index coverage, schema version). "
            + "Each problem comes with the command that fixes it. Exit code 0 only if the index is clean, 1 otherwise."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IndexDirOption index;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        VerifyReport r;
        try (Engine engine = Engine.start(0)) {
            r = engine.admin(index.resolved()).verify(m -> err.println("verify: " + m));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(Json.object("clean", r.clean(), "checked", r.checked(),
                    "problems", r.problems().stream().map(p -> Json.object("what", p.what(), "fix", p.fix())).toList())));
        } else {
            r.checked().forEach(c -> out.println("ok       " + c));
            for (Problem p : r.problems()) {
                out.println("PROBLEM  " + p.what());
                out.println("         fix: " + p.fix());
            }
            out.println(r.clean() ? "clean" : r.problems().size() + " problem(s)");
        }
        out.flush();
        return r.clean() ? 0 : EngineCli.FAILED;
    }
}
