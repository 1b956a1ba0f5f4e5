package io.bulwark.console.table;

import io.bulwark.console.common.Formats;
import java.util.function.Function;

/**
 * One column of an entity table. The table sorts by {@code value} (numbers as numbers, times as
 * times) and shows {@code text} of it, so "23.5 GiB" sorts above "512.0 MiB".
 */
public record Column<T, V>(String title, double width, Function<T, V> value, Function<? super V, String> text) {
    public static <T, V> Column<T, V> of(String title, double width, Function<T, V> value) {
        return new Column<>(title, width, value, Formats::text);
    }

    public static <T, V> Column<T, V> formatted(String title, double width, Function<T, V> value,
                                                Function<? super V, String> text) {
        return new Column<>(title, width, value, text);
    }
}
