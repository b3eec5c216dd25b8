package dev.mvs.engine.index;

import dev.mvs.ffi.WrittenFragment;

import java.io.Serializable;
import java.util.List;

/**
 * What one attempt of a {@link Phase2Task} did on its worker: the fragments it wrote (not yet committed), and its
 * counts and model time, which the coordinator adds up into the run's {@link Phase2Report}.
 *
 * @param task        the task's {@link Phase2Task#index()}
 * @param fragments   the fragments written, no version referencing them yet
 * @param embedded    vectors computed by the model
 * @param reused      vectors reused within the task (a text met twice in it is embedded once)
 * @param modelMillis time inside the model alone
 */
public record Phase2TaskResult(int task, List<WrittenFragment> fragments, long embedded, long reused, long modelMillis) implements Serializable {

    public Phase2TaskResult {
        fragments = List.copyOf(fragments);
    }
}
