package dev.mvs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engine-cli aot-cache}: records the JDK's AOT cache that makes every later start faster. */
@Command(name = "aot-cache", mixinStandardHelpOptions = true, description = {
    "Records a JDK AOT cache for this jar (JEP 483/514): one training run in a child JVM (a tiny index, the "
            + "embedding model, the common commands; 10-30 s), after which every start maps the classes it needs instead "
            + "of loading them. cli/engine-cli uses target/engine-cli.aot when it is newer than the jar; ./setup.sh and "
            + "engine-cli install make one. Rebuilding the jar or changing the JDK makes a cache stale (then ignored)."})
final class AotCacheCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output", paramLabel = "FILE", description = "Where the cache goes (default: beside the jar, engine-cli.aot).")
    Path output;

    @Override
    public Integer call() throws Exception {
        Path jar = OwnJar.require("aot-cache");
        Path target = (output != null ? output : AotCache.besideJar(jar)).toAbsolutePath();
        Files.createDirectories(target.getParent());
        PrintWriter err = spec.commandLine().getErr();
        err.println("aot-cache: training run for " + jar + " ...");
        long t0 = System.nanoTime();
        long bytes = AotCache.create(jar, target, target.resolveSibling(target.getFileName() + ".log"));
        err.println(String.format(Locale.ROOT, "aot-cache: wrote %s (%,.1f MiB) in %.1f s", target, bytes / 1048576.0, (System.nanoTime() - t0) / 1e9));
        return 0;
    }
}
