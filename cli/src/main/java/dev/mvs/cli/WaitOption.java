package dev.mvs.cli;

import java.time.Duration;

import picocli.CommandLine.Option;

/** {@code --wait} of the commands that write to an index: how long to queue behind another writer. */
final class WaitOption {

    @Option(names = "--wait", paramLabel = "SECONDS", description = "Wait up to this long for another writer to finish (default: ${DEFAULT-VALUE}: fail at once).")
    long seconds = 0;

    Duration duration() {
        if (seconds < 0) {
            throw new IllegalArgumentException("--wait must be >= 0, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
