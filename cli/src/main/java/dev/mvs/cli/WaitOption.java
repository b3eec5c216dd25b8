package dev.mvs.cli;

import java.time.Duration;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --wait} of the commands that write to an index: how long to queue behind another writer. */
final class WaitOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private long seconds;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wait up to this long for another writer to finish (default: ${DEFAULT-VALUE}: fail at once).")
    void seconds(long value) {
        if (value < 0) {
            throw new ParameterException(command.commandLine(), "--wait must be >= 0, got " + value);
        }
        seconds = value;
    }

    Duration duration() {
        return Duration.ofSeconds(seconds);
    }
}
