package io.bulwark.engine.entities;

import io.bulwark.engine.auth.Caller;
import io.bulwark.protocol.EntityView;
import java.util.List;
import java.util.UUID;

/**
 * The five operations on one kind of configuration entity. Implementations validate and store;
 * transactions, the audit log and change events are added around them in one place,
 * {@link ChangeRecorder}.
 *
 * @param <R> the request that creates or changes one
 * @param <V> how the API shows one
 */
public interface EntityService<R, V extends EntityView> {
    List<V> list();

    /** @throws NotFoundException when there is none with this id */
    V get(UUID id);

    V create(R request, Caller caller);

    V update(UUID id, R request, Caller caller);

    /** Deletes the entity and returns it as it was. */
    V delete(UUID id, Caller caller);
}
