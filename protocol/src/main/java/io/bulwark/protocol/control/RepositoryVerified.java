package io.bulwark.protocol.control;

import java.util.List;

/**
 * What a health check found.
 *
 * @param damagedPointIds the restore points that need a damaged or missing block
 * @param problems        each damage in words (which point, which disk, how many blocks)
 */
public record RepositoryVerified(int pointsChecked, long bytesChecked, List<String> damagedPointIds,
                                 List<String> problems) {
}
