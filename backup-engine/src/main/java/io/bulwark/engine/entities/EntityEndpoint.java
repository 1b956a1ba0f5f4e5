package io.bulwark.engine.entities;

import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.auth.Role;

/**
 * One kind of configuration entity as the API offers it: its collection path, what it is called,
 * its request and view records, who may read it and who may change it.
 *
 * @param path     the collection's path, such as {@code /api/v1/proxies}
 * @param singular what one is called in messages, such as {@code backup proxy}
 */
public record EntityEndpoint<R, V extends EntityView>(
        String path,
        String singular,
        Class<R> requestType,
        Class<V> viewType,
        Role readRole,
        Role writeRole,
        EntityService<R, V> service) {

    /** The collection's name in change events and the audit log: the last part of its path. */
    public String collection() {
        return ApiPaths.collection(path);
    }
}
