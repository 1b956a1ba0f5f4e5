package io.bulwark.console.table;

import java.util.List;
import java.util.UUID;

/** Where a table's rows come from. Both calls block; the view-model runs them in the background. */
public interface EntitySource<T> {
    List<T> list();

    void delete(UUID id);
}
