package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM flags and the quick-command list live in several launchers (cli/engine-cli, the one
 * {@code engine-cli install} writes, Surefire's argLine, bench/common.sh which every bench script sources): they must say the same.
 */
class LauncherFlagsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent(); // tests run in cli/

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    @Test
    void everyLauncherPassesEveryFlag() throws IOException {
        String checkout = read("cli/engine-cli");
        String installed = InstallCommand.launcherScript(Path.of("/x/engine-cli.jar"), Path.of("/x/engine-cli.aot"), Path.of("/jdk"));
        String bench = read("bench/common.sh");
        Matcher pom = Pattern.compile("<mvs\\.jvm\\.flags>([^<]*)</mvs\\.jvm\\.flags>").matcher(read("pom.xml"));
        assertTrue(pom.find(), "pom.xml defines mvs.jvm.flags");
        assertEquals(JvmFlags.ALL, Arrays.asList(pom.group(1).trim().split("\\s+")), "Surefire's flags are JvmFlags.ALL");
        for (String flag : JvmFlags.ALL) {
            assertTrue(checkout.contains(flag), "cli/engine-cli passes " + flag);
            assertTrue(installed.contains(flag), "the installed launcher passes " + flag);
            assertTrue(bench.contains(flag), "bench/common.sh passes " + flag);
        }
    }

    @Test
    void bothLaunchersRunTheSameCommandsWithoutC2() throws IOException {
        Matcher checkout = Pattern.compile("case \"\\$\\{1:-}\" in ([^)]*)\\) opts\\+=\\(-XX:TieredStopAtLevel=1\\)").matcher(read("cli/engine-cli"));
        assertTrue(checkout.find(), "cli/engine-cli has the quick-command case");
        assertEquals(InstallCommand.QUICK_COMMANDS, checkout.group(1));
        assertTrue(read("cli/engine-cli").contains(InstallCommand.INDEX_JIT), "cli/engine-cli chooses index runs' compilers as the installed launcher does");
        for (String command : List.of(InstallCommand.QUICK_COMMANDS.split("\\|"))) {
            String name = command.replace("\"", "");
            assertTrue(name.isEmpty() || name.startsWith("-") || EngineCli.subcommands().containsKey(name) || name.equals("help"),
                    "a quick command that exists: " + command);
        }
    }

    /**
     * Runs the installed launcher against a stand-in JDK whose java prints its arguments: which commands get C1 alone.
     * A one-file index run with a model gains about 0.2 s without C2; a run that is mostly Java work loses 20-40 % (docs/packaging.md).
     */
    @Test
    void indexRunsGoWithoutC2UnlessTheirWorkIsJava(@TempDir Path dir) throws Exception {
        Path jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path launcher = dir.resolve("engine-cli");
        Files.writeString(launcher, InstallCommand.launcherScript(dir.resolve("engine-cli.jar"), dir.resolve("engine-cli.aot"), jdk));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(withoutC2(launcher, "index", "."), "a default index run");
        assertTrue(withoutC2(launcher, "index", ".", "--index-dir", "/tmp/my --model hash dir"), "a path is not an option");
        assertTrue(withoutC2(launcher, "search", "q"), "a quick command");
        assertFalse(withoutC2(launcher, "index", ".", "--phase1-only"), "chunking alone");
        assertFalse(withoutC2(launcher, "index", ".", "--model", "hash"), "the hash embedder");
        assertFalse(withoutC2(launcher, "index", "--model=hash", "."), "the hash embedder, one word");
        assertFalse(withoutC2(launcher, "watch", "."), "a long-lived process");
    }

    private static boolean withoutC2(Path launcher, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("MVS_JAVA_HOME");
        pb.environment().remove("MVS_JAVA_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("-jar"), out);
        return out.contains("-XX:TieredStopAtLevel=1");
    }
}
