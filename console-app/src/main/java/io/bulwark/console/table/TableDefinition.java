package io.bulwark.console.table;

import io.bulwark.console.common.Detail;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.EntityView;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything that makes one view of the working area different from another: which API
 * collection it lists, which change events make it reload, its columns and its properties view.
 * The rest (loading, live refresh, remove, selection) is the same for all, in
 * {@link EntityTableViewModel} and {@link EntityTableView}.
 *
 * @param title      the view's title ("Backup Proxies")
 * @param singular   one row, as a sentence names it ("backup proxy")
 * @param path       the API collection ({@link ApiPaths#PROXIES})
 * @param watches    the collections whose changes this view shows: its own, and those its columns join
 * @param removable  whether Remove is offered
 */
public record TableDefinition<T extends EntityView>(
        String title,
        String singular,
        String path,
        Class<T> type,
        Set<String> watches,
        List<Column<T, ?>> columns,
        Function<T, List<Detail>> details,
        boolean removable) {

    public TableDefinition {
        watches = Set.copyOf(watches);
        columns = List.copyOf(columns);
    }

    /** A definition that watches its own collection and the given joined ones. */
    public static <T extends EntityView> TableDefinition<T> of(String title, String singular, String path, Class<T> type,
                                                               List<String> joinedPaths, List<Column<T, ?>> columns,
                                                               Function<T, List<Detail>> details, boolean removable) {
        Set<String> watches = Stream.concat(Stream.of(path), joinedPaths.stream()).map(ApiPaths::collection)
                .collect(Collectors.toSet());
        return new TableDefinition<>(title, singular, path, type, watches, columns, details, removable);
    }
}
