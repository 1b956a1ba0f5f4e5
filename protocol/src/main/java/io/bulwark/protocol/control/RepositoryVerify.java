package io.bulwark.protocol.control;

import java.util.List;

/**
 * {@link ControlChannel#REPOSITORY_VERIFY}: read back the blocks of a repository folder the agent
 * initialised and say which restore points could not be restored. Answered with
 * {@link RepositoryVerified}; it takes as long as reading those blocks does.
 *
 * @param pointIds the restore points to check (hex ids), reading only the blocks they need; null
 *                 or empty for every point and every block
 */
public record RepositoryVerify(String path, String password, List<String> pointIds) {
    @Override
    public String toString() {
        return "RepositoryVerify[path=" + path + ", password=(hidden), pointIds=" + pointIds + "]";
    }
}
