package dev.mvs.cli;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The JVM settings the engine needs, and whether this JVM has them. A jar's manifest can grant the
 * first two ({@code Enable-Native-Access}, {@code Add-Opens}); the third exists only as a command-line
 * flag, which cli/engine-cli and the launcher {@code engine-cli install} writes pass.
 */
record JvmFlags(String flag, boolean inEffect, String source, String whenMissing) {

    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    static final String OPEN_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    static final String UNSAFE_MEMORY = "--sun-misc-unsafe-memory-access=allow";
    /** Every flag, in the order a launcher passes them. */
    static final List<String> ALL = List.of(NATIVE_ACCESS, OPEN_NIO, UNSAFE_MEMORY);

    /** The state of each flag in this JVM. */
    static List<JvmFlags> current() {
        List<String> commandLine = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Module self = JvmFlags.class.getModule();
        boolean nativeAccess = self.isNativeAccessEnabled();
        boolean nioOpen = Object.class.getModule().isOpen("java.nio", self);
        boolean unsafeAllowed = "allow".equals(System.getProperty("sun.misc.unsafe.memory.access"));
        return List.of(
                new JvmFlags(NATIVE_ACCESS, nativeAccess, source(commandLine, "--enable-native-access", nativeAccess),
                        "the native library cannot be called at all"),
                new JvmFlags(OPEN_NIO, nioOpen, source(commandLine, "--add-opens", nioOpen),
                        "Arrow cannot start: \"sun.misc.Unsafe or java.nio.DirectByteBuffer.<init>(long, int) not available\""),
                new JvmFlags(UNSAFE_MEMORY, unsafeAllowed, source(commandLine, "--sun-misc-unsafe-memory-access", unsafeAllowed),
                        "works, but the JVM prints a deprecation warning on stderr when Arrow first touches memory"));
    }

    private static String source(List<String> commandLine, String prefix, boolean inEffect) {
        if (!inEffect) {
            return "missing";
        }
        return commandLine.stream().anyMatch(a -> a.startsWith(prefix)) ? "command line" : "jar manifest";
    }
}
