package io.bulwark.console.common;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Work that must not run on the FX thread, with what to do on the FX thread when it ends. The
 * {@link TaskExecutor} decides where it runs; view-models only describe it, which keeps them
 * testable without a toolkit.
 *
 * @param title     what the status bar shows while it runs ("Loading backup proxies")
 * @param work      the blocking part: network calls, file access
 * @param onSuccess runs on the FX thread with the result
 * @param onFailure runs on the FX thread with what went wrong; not called when cancelled
 */
public record BackgroundTask<V>(String title, Callable<V> work, Consumer<? super V> onSuccess,
                                Consumer<? super Exception> onFailure) {
    public BackgroundTask {
        Objects.requireNonNull(title);
        Objects.requireNonNull(work);
        Objects.requireNonNull(onSuccess);
        Objects.requireNonNull(onFailure);
    }

    public static <V> BackgroundTask<V> of(String title, Callable<V> work) {
        return new BackgroundTask<>(title, work, result -> { }, failure -> { });
    }

    public BackgroundTask<V> onSuccess(Consumer<? super V> handler) {
        return new BackgroundTask<>(title, work, handler, onFailure);
    }

    public BackgroundTask<V> onFailure(Consumer<? super Exception> handler) {
        return new BackgroundTask<>(title, work, onSuccess, handler);
    }
}
