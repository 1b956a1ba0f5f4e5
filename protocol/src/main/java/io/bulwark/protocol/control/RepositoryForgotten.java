package io.bulwark.protocol.control;

import java.util.List;

/** What a {@link RepositoryForget} did: the points it forgot, and the bytes pruning freed. */
public record RepositoryForgotten(List<String> forgotten, long bytesFreed) {
}
