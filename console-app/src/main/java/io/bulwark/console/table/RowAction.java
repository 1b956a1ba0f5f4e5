package io.bulwark.console.table;

import java.util.function.Consumer;
import java.util.function.Predicate;
import org.kordamp.ikonli.Ikon;

/**
 * Something an admin can do in a view, from the ribbon and the table's context menu: with the
 * selected row (Rescan, Retry) or without one (Add Server…).
 *
 * @param id        the ribbon button's node id ({@code action-rescan})
 * @param enabledFor whether the action can run for the selected row, which is null when none is
 * @param run       runs on the FX thread with the selected row (null when none); long work goes to a background task
 */
public record RowAction<T>(String id, String text, Ikon icon, Predicate<T> enabledFor, Consumer<T> run) {
    /** An action that needs no row, always available (Add Server…). */
    public static <T> RowAction<T> always(String id, String text, Ikon icon, Runnable run) {
        return new RowAction<>(id, text, icon, row -> true, row -> run.run());
    }

    /** An action on the selected row, available when {@code when} holds for it. */
    public static <T> RowAction<T> onRow(String id, String text, Ikon icon, Predicate<T> when, Consumer<T> run) {
        return new RowAction<>(id, text, icon, row -> row != null && when.test(row), run);
    }
}
