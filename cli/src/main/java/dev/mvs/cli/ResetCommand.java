package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.engine.report.Json;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engine-cli reset}: removes the index, after confirmation. */
@Command(name = "reset", mixinStandardHelpOptions = true, description = {
    "Deletes the whole index directory, after you type 'yes' at the terminal (scripts pass --yes). Refused while a writer is running "
            + "(exit code 3). This is the only command that deletes an index; nothing else ever does."})
final class ResetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    IndexDirOption index;

    @Option(names = "--yes", description = "Do not ask.")
    boolean yes;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        Path dir = index.resolved();
        PrintWriter err = spec.commandLine().getErr();
        if (!yes) {
            java.io.Console console = System.console();
            if (console == null || !console.isTerminal()) {
                err.println("engine-cli: not deleting " + dir + " without confirmation; not a terminal, so pass --yes");
                return EngineCli.FAILED;
            }
            String answer = console.readLine("delete the index at %s? type 'yes': ", dir);
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
                err.println("not deleted");
                return EngineCli.FAILED;
            }
        }
        try (Engine engine = Engine.start(1)) {
            engine.admin(dir).reset();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.json() ? Json.write(Json.object("deleted", dir.toString())) : "deleted " + dir);
        out.flush();
        return 0;
    }
}
