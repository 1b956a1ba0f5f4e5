package io.bulwark.protocol.control;

import java.util.List;

/**
 * {@link ControlChannel#REPOSITORY_FORGET}: forget the named restore points of a repository folder
 * the agent initialised and, with {@code prune}, free the blocks no remaining point needs. The
 * engine names the points (its retention decides per VM, across the VM's disks); the agent never
 * chooses. Points it does not hold are skipped. Answered with {@link RepositoryForgotten}.
 */
public record RepositoryForget(String path, String password, List<String> pointIds, boolean prune) {
}
