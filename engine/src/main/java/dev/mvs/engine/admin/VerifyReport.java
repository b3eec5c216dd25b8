package dev.mvs.engine.admin;

import java.util.List;

/** What {@code engine-cli verify} checked and found; clean only without problems. */
public record VerifyReport(List<String> checked, List<Problem> problems) {

    public VerifyReport {
        checked = List.copyOf(checked);
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }
}
