package io.bulwark.console.table;

import io.bulwark.console.connection.EngineClient;
import io.bulwark.protocol.EntityView;
import java.util.List;
import java.util.UUID;

/** A table's rows from an API collection of the connected engine. */
public record EngineEntitySource<T extends EntityView>(EngineClient client, String path, Class<T> type)
        implements EntitySource<T> {

    public static <T extends EntityView> EngineEntitySource<T> of(EngineClient client, TableDefinition<T> definition) {
        return new EngineEntitySource<>(client, definition.path(), definition.type());
    }

    @Override
    public List<T> list() {
        return client.list(path, type);
    }

    @Override
    public void delete(UUID id) {
        client.delete(path + "/" + id);
    }
}
