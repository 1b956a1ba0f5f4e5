package io.bulwark.console.common;

import java.time.Duration;
import javafx.animation.PauseTransition;

/** The running console's scheduler: a pause on the FX thread, so the action may touch properties. */
public final class FxScheduler implements Scheduler {
    @Override
    public TaskExecutor.Cancellable after(Duration delay, Runnable action) {
        PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
        pause.setOnFinished(event -> action.run());
        pause.play();
        return pause::stop;
    }
}
