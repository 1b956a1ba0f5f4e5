package io.bulwark.console.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Follows something on the engine until it ends (a deployment, a proxy becoming ready): reads it
 * in the background, shows it, and reads it again a second later. The engine's change events
 * make it read at once ({@link #poke()}); the timer is the fallback when an event is missed. One
 * read at a time: a poke during a read costs one more read, not one each.
 */
public final class Poller<S> {
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private final String title;
    private final Callable<S> read;
    private final Predicate<? super S> ended;
    private final Consumer<? super S> show;
    private final Consumer<? super Exception> failed;
    private final TaskExecutor tasks;
    private final Scheduler scheduler;

    private boolean running;
    private boolean reading;
    private boolean readAgain;
    private TaskExecutor.Cancellable timer;

    /**
     * @param ended  whether a state read is the last one
     * @param show   every state read, the last one included
     * @param failed a read that failed; following stops
     */
    public Poller(String title, Callable<S> read, Predicate<? super S> ended, Consumer<? super S> show,
                  Consumer<? super Exception> failed, TaskExecutor tasks, Scheduler scheduler) {
        this.title = title;
        this.read = read;
        this.ended = ended;
        this.show = show;
        this.failed = failed;
        this.tasks = tasks;
        this.scheduler = scheduler;
    }

    public void start() {
        running = true;
        poke();
    }

    /** Something changed: read now rather than at the next tick. */
    public void poke() {
        if (!running) {
            return;
        }
        if (reading) {
            readAgain = true;
            return;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        reading = true;
        tasks.execute(BackgroundTask.of(title, read).onSuccess(this::read).onFailure(this::failed));
    }

    public void stop() {
        running = false;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void read(S state) {
        if (!running) {
            reading = false;
            return;
        }
        boolean last = ended.test(state);
        if (last) {
            running = false;
        }
        // Still "reading" while it is shown: a poke from the showing (it asked the engine for more)
        // becomes one more read after it, not a second loop.
        show.accept(state);
        reading = false;
        if (!running) {
            return;
        }
        if (readAgain) {
            readAgain = false;
            poke();
        } else {
            timer = scheduler.after(INTERVAL, () -> {
                timer = null;
                poke();
            });
        }
    }

    private void failed(Exception failure) {
        reading = false;
        if (running) {
            running = false;
            failed.accept(failure);
        }
    }
}
