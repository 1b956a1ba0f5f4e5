package io.bulwark.console.table;

import io.bulwark.console.common.Formats;
import java.util.function.Function;

/**
 * One column of an entity table. The table sorts by {@code value} (numbers as numbers, times as
 * times) and shows {@code text} of it, so "23.5 GiB" sorts above "512.0 MiB".
 *
 * @param detail what a cell's tooltip says about its row (a state's reason), or null for none
 */
public record Column<T, V>(String title, double width, Function<T, V> value, Function<? super V, String> text,
                           Function<T, String> detail) {
    public static <T, V> Column<T, V> of(String title, double width, Function<T, V> value) {
        return new Column<>(title, width, value, Formats::text, null);
    }

    public static <T, V> Column<T, V> formatted(String title, double width, Function<T, V> value,
                                                Function<? super V, String> text) {
        return new Column<>(title, width, value, text, null);
    }

    /** A column whose cells explain themselves in a tooltip: the state, and why. */
    public static <T, V> Column<T, V> explained(String title, double width, Function<T, V> value,
                                                Function<? super V, String> text, Function<T, String> detail) {
        return new Column<>(title, width, value, text, detail);
    }
}
