package dev.mvs.engine.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;

/**
 * Finds the user's global excludes file as git does: {@code core.excludesFile} from the user's git
 * configuration ({@code $XDG_CONFIG_HOME/git/config}, then {@code ~/.gitconfig}, the later winning), else
 * {@code $XDG_CONFIG_HOME/git/ignore} ({@code ~/.config/git/ignore} when XDG_CONFIG_HOME is unset).
 * System-wide /etc/gitconfig and {@code [include]} directives are not read.
 */
final class UserExcludes {

    private UserExcludes() {
    }

    /**
     * The global excludes file for this user, if one is configured or present at the default place.
     *
     * @param userHome      null when no user-level configuration is to be read
     * @param xdgConfigHome null for {@code <userHome>/.config}
     * @param workTree      relative {@code core.excludesFile} values are resolved against it: git runs
     *                      from the top of the work tree when it reads them
     */
    static Optional<Path> locate(Path userHome, Path xdgConfigHome, Path workTree) {
        Path xdg = xdgConfigHome != null ? xdgConfigHome : userHome != null ? userHome.resolve(".config") : null;
        if (xdg == null) {
            return Optional.empty();
        }
        String configured = null;
        for (Path config : userHome == null ? new Path[] {xdg.resolve("git/config")}
                : new Path[] {xdg.resolve("git/config"), userHome.resolve(".gitconfig")}) {
            String value = excludesFileIn(config);
            if (value != null) {
                configured = value;
            }
        }
        if (configured == null) {
            Path fallback = xdg.resolve("git").resolve("ignore");
            return Files.exists(fallback) ? Optional.of(fallback) : Optional.empty();
        }
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(expand(configured, userHome, workTree));
    }

    /** {@code core.excludesFile} in one config file, or null when the file or the key is absent or unparsable. */
    private static String excludesFileIn(Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            return null;
        }
        try {
            Config config = new Config();
            config.fromText(Files.readString(configFile, StandardCharsets.UTF_8));
            return config.getString("core", null, "excludesFile");
        } catch (IOException | ConfigInvalidException | RuntimeException e) {
            // git refuses to run on a broken config; discovery carries on without the user's excludes.
            return null;
        }
    }

    /** git expands a leading {@code ~/} (or a lone {@code ~}) to the home directory in path-valued settings. */
    private static Path expand(String value, Path userHome, Path workTree) {
        if (userHome != null && (value.equals("~") || value.startsWith("~/"))) {
            return value.length() <= 2 ? userHome : userHome.resolve(value.substring(2));
        }
        return workTree.resolve(value);
    }
}
