package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

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
        for (String command : List.of(InstallCommand.QUICK_COMMANDS.split("\\|"))) {
            String name = command.replace("\"", "");
            assertTrue(name.isEmpty() || name.startsWith("-") || EngineCli.subcommands().containsKey(name) || name.equals("help"),
                    "a quick command that exists: " + command);
        }
    }
}
