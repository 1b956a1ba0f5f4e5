package io.bulwark.console.common;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * Runs background tasks as {@link Task}s on virtual threads, and keeps the list of running ones
 * so that the status bar can show that work is under way. Virtual threads because the work is
 * nearly all waiting on the network.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("console-task-", 0).factory());
    private final ObservableList<Task<?>> running = FXCollections.observableArrayList();
    private final BooleanBinding busy = Bindings.isNotEmpty(running);
    private final StringBinding currentTitle = Bindings.createStringBinding(
            () -> running.isEmpty() ? "" : running.getLast().getTitle() + "…", running);

    /** Must be called on the FX thread, as {@link Task} requires. */
    @Override
    public Cancellable execute(BackgroundTask<?> task) {
        Task<?> fxTask = toFxTask(task);
        running.add(fxTask);
        fxTask.runningProperty().addListener((observable, wasRunning, isRunning) -> {
            if (!isRunning) {
                running.remove(fxTask);
            }
        });
        threads.execute(fxTask);
        return () -> fxTask.cancel(true);
    }

    private static <V> Task<V> toFxTask(BackgroundTask<V> task) {
        Task<V> fxTask = new TitledTask<>(task);
        fxTask.setOnSucceeded(event -> task.onSuccess().accept(fxTask.getValue()));
        fxTask.setOnFailed(event -> task.onFailure().accept(asException(fxTask.getException())));
        return fxTask;
    }

    private static final class TitledTask<V> extends Task<V> {
        private final BackgroundTask<V> task;

        TitledTask(BackgroundTask<V> task) {
            this.task = task;
            updateTitle(task.title());
        }

        @Override
        protected V call() throws Exception {
            return task.work().call();
        }
    }

    private static Exception asException(Throwable failure) {
        return failure instanceof Exception exception ? exception : new IllegalStateException(failure);
    }

    /** Whether any task is running. */
    public BooleanBinding busyProperty() {
        return busy;
    }

    /** The title of the newest running task, or empty. */
    public StringBinding currentTitleProperty() {
        return currentTitle;
    }

    @Override
    public void close() {
        // A cancelled task leaves the list as it ends, so cancel from a copy.
        List.copyOf(running).forEach(task -> task.cancel(true));
        threads.shutdownNow();
    }
}
