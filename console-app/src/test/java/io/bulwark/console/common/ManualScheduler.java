package io.bulwark.console.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler whose "later" is when the test says: {@link #runDue()} runs what is waiting. */
public final class ManualScheduler implements Scheduler {
    private final List<Runnable> waiting = new ArrayList<>();

    @Override
    public TaskExecutor.Cancellable after(Duration delay, Runnable action) {
        waiting.add(action);
        return () -> waiting.remove(action);
    }

    /** Runs everything scheduled so far (not what those schedule in turn). */
    public void runDue() {
        List<Runnable> due = List.copyOf(waiting);
        waiting.clear();
        due.forEach(Runnable::run);
    }

    public int waiting() {
        return waiting.size();
    }
}
