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
    private static final Path SHELL = Path.of("/bin/sh");
    /**
     * The shell forks the fold and exits at once: a JVM whose child is still running took about 0.3 s longer to exit
     * (engine-cli index's run that left a fold returned that much later). The forked shell starts the fold's JVM only
     * once process "$0" has exited (0: at once), so its start-up does not take the cores from this JVM's exit.
     */
    private static final String DETACHED = "(while [ \"$0\" != 0 ] && kill -0 \"$0\" 2>/dev/null; do sleep 0.02; done; exec \"$@\") &";
    private static final File NO_INPUT = new File("/dev/null");

    private BackgroundFold() {}

    /** The started fold: where it says what it did. */
    record Started(Path log) {}

    /** Starts the fold once process {@code after} has exited (0: at once). */
    static Started start(Path indexDir, long after) throws IOException {
        Path log = new IndexLayout(indexDir).foldLog();
        ProcessBuilder builder = new ProcessBuilder(command(indexDir, ManagementFactory.getRuntimeMXBean().getInputArguments(),
                Files.isExecutable(SETSID), Files.isExecutable(SHELL), after))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        if (NO_INPUT.exists()) {
            builder.redirectInput(NO_INPUT);
        }
        builder.start();
        return new Started(log);
    }

    /**
     * The command line of the fold: this JVM's launcher, its flags, class path and native library; in a session of its
     * own with {@code setsid}; with {@code shell}, forked by a shell that exits at once, and started after process
     * {@code afterPid} has exited unless it is 0.
     */
    static List<String> command(Path indexDir, List<String> jvmArguments, boolean setsid, boolean shell, long afterPid) {
        List<String> command = new ArrayList<>();
        if (setsid) {
            command.add(SETSID.toString());
        }
        if (shell) {
            command.addAll(List.of(SHELL.toString(), "-c", DETACHED, Long.toString(afterPid)));
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
