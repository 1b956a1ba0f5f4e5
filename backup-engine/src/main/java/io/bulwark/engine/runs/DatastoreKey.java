package io.bulwark.engine.runs;

import java.util.UUID;

/** A datastore as the scheduler names it: the same path on two hosts is two datastores. */
record DatastoreKey(UUID hostServerId, String path) {
    static DatastoreKey parse(String key) {
        int colon = key.indexOf(':');
        return new DatastoreKey(UUID.fromString(key.substring(0, colon)), key.substring(colon + 1));
    }

    @Override
    public String toString() {
        return hostServerId + ":" + path;
    }
}
