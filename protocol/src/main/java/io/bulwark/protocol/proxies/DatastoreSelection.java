package io.bulwark.protocol.proxies;

import java.util.List;

/**
 * The datastores a proxy serves: those it is found to reach ({@code automatic}), or the listed
 * paths.
 */
public record DatastoreSelection(boolean automatic, List<String> paths) {
    public static final DatastoreSelection AUTOMATIC = new DatastoreSelection(true, List.of());
}
