package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unreadable file and an unreadable directory are skipped with a reason, and the run goes on.
 * Root reads everything, so when the tests run as root (CI does) engine-cli runs in a child process
 * without the capabilities that bypass file permissions (setpriv drops CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH), which is exactly an ordinary user's view of a chmod 000 file.
 */
class UnreadableFilesTest {

    @TempDir
    Path dir;

    @Test
    void unreadableFilesAndDirectoriesAreSkippedWithAReason() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("locked"));
        Files.writeString(repo.resolve("ok.txt"), "readable kiwibird\n");
        Files.writeString(repo.resolve("secret.txt"), "never read\n");
        Files.writeString(repo.resolve("locked/inner.txt"), "never read either\n");
        Files.setPosixFilePermissions(repo.resolve("secret.txt"), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(repo.resolve("locked"), PosixFilePermissions.fromString("---------"));
        try {
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "running as root without setpriv: cannot drop the right to read anything");
                command.addAll(List.of("/usr/bin/setpriv", "--inh-caps=-dac_override,-dac_read_search",
                        "--bounding-set=-dac_override,-dac_read_search"));
            }
            command.add(ProcessHandle.current().info().command().orElseThrow());
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith("--enable-native-access") || arg.startsWith("-Dmvs.") || arg.startsWith("--add-opens")) {
                    command.add(arg);
                }
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineCli.class.getName(), "index", repo.toString(),
                    "--index-dir", dir.resolve("index").toString(), "--model", "hash", "--format", "json"));
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), err);
            assertTrue(out.contains("\"files\":1,"), out);
            assertTrue(out.contains("\"unreadable\":2"), "the file and the directory, each with a reason: " + out);
            assertFalse(err.contains("\tat "), err);
        } finally {
            Files.setPosixFilePermissions(repo.resolve("secret.txt"), PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(repo.resolve("locked"), PosixFilePermissions.fromString("rwx------"));
        }
    }
}
