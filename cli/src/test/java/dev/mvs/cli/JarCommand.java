package dev.mvs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs the packaged engine-cli.jar as the launcher does (java, the engine's flags, the
 * native library from the build when the test knows it), for tests that start it as a process. The jar is the
 * one {@code -Dmvs.cli.jar} names (mvn verify sets it).
 */
final class JarCommand {

    private JarCommand() {}

    static Path jar() {
        return Path.of(System.getProperty("mvs.cli.jar", "target/engine-cli.jar")).toAbsolutePath();
    }

    static List<String> of(String... args) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        c.addAll(JvmFlags.ALL);
        String so = System.getProperty("mvs.native.path");
        if (so != null) {
            c.add("-Dmvs.native.path=" + so);
        }
        c.addAll(List.of("-jar", jar().toString()));
        c.addAll(List.of(args));
        return c;
    }
}
