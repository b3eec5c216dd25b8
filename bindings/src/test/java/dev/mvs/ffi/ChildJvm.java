package dev.mvs.ffi;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that runs a test class's {@code main} in a JVM of its own, with this JVM's class path and the flags the
 * native library needs: for what is set once per process (Lance's thread pools, its io_uring threads).
 */
final class ChildJvm {

    private ChildJvm() {}

    static List<String> command(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--enable-native-access") || arg.startsWith("--add-opens") || arg.startsWith("--sun-misc") || arg.startsWith("-Dmvs.")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
