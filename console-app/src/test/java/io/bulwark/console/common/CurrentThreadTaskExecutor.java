package io.bulwark.console.common;

/** Runs background tasks at once, on the caller's thread, so view-models can be tested without a toolkit. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    @Override
    public Cancellable execute(BackgroundTask<?> task) {
        run(task);
        return () -> { };
    }

    private static <V> void run(BackgroundTask<V> task) {
        V result;
        try {
            result = task.work().call();
        } catch (Exception e) {
            task.onFailure().accept(e);
            return;
        }
        task.onSuccess().accept(result);
    }
}
