package dev.mvs.cli;

import dev.mvs.engine.store.IndexLayout;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code engine-cli fold} on an index in a JVM of its own that outlives this one, so {@code engine-cli index}
 * returns without waiting for the vector fold its run made due (docs/storage.md). The child gets the flags this JVM
 * runs with, its own session (a closed terminal or a Ctrl-C meant for the next command does not reach it) and no
 * inherited output: a pipe reading engine-cli's output ends when engine-cli does. What it says goes to
 * {@link IndexLayout#foldLog()}.
 */
final class BackgroundFold {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final File NO_INPUT = new File("/dev/null");

    private BackgroundFold() {}

    /** The started fold: its process id and log. */
    record Started(long pid, Path log) {}

    static Started start(Path indexDir) throws IOException {
        Path log = new IndexLayout(indexDir).foldLog();
        ProcessBuilder builder = new ProcessBuilder(command(indexDir, ManagementFactory.getRuntimeMXBean().getInputArguments(),
                Files.isExecutable(SETSID)))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        if (NO_INPUT.exists()) {
            builder.redirectInput(NO_INPUT);
        }
        return new Started(builder.start().pid(), log);
    }

    /** The command line of the fold: this JVM's launcher, its flags, class path and native library. */
    static List<String> command(Path indexDir, List<String> jvmArguments, boolean setsid) {
        List<String> command = new ArrayList<>();
        if (setsid) {
            command.add(SETSID.toString());
        }
        command.add(OwnJar.javaLauncher().toString());
        command.addAll(JvmFlags.ALL);
        String nativePath = System.getProperty("mvs.native.path");
        if (nativePath != null) {
            command.add("-Dmvs.native.path=" + nativePath); // the library this JVM loads, not another one
        }
        jvmArguments.stream().filter(a -> a.startsWith("-XX:AOTCache=")).forEach(command::add); // start-up as fast as this JVM's
        // Its work is native: C1 alone leaves both cores to it (as cli/engine-cli does for short commands).
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xlog:disable", "-Xlog:all=warning,aot=off:stderr"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineCli.class.getName(), FoldCommand.NAME,
                "--index-dir", indexDir.toString()));
        return command;
    }
}
