package io.bulwark.agent.tasks;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.restore.RestoreJob;
import io.bulwark.protocol.control.DiskRestoreOrder;
import io.bulwark.protocol.control.RepositoryTarget;
import io.bulwark.protocol.inventory.DiskFormat;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code restore-disk}: one disk of a restore point to a file on this host. The disk is written
 * beside the target under a temporary name (converted there to qcow2 when asked) and renamed into
 * place only when whole, so a failed or cancelled restore leaves the target as it was.
 */
final class RestoreTask implements DiskTask {
    private final DiskRestoreOrder order;
    private final RepositoryOperations operations;
    private final QemuImg qemuImg;

    RestoreTask(DiskRestoreOrder order, RepositoryOperations operations, QemuImg qemuImg) {
        this.order = order;
        this.operations = operations;
        this.qemuImg = qemuImg;
    }

    static void check(DiskRestoreOrder order) {
        AgentTasks.checkRepository(order.repository());
        if (order.targetPath() == null || !Path.of(order.targetPath()).isAbsolute()) {
            throw new IllegalArgumentException("A restore needs the target file's absolute path, not '"
                    + order.targetPath() + "'.");
        }
        if (!order.repository().local()) {
            // The data mover protocol has no way to read blocks back from a repository agent (yet).
            RepositoryTarget repository = order.repository();
            throw new IllegalArgumentException("Restoring from the repository agent at " + repository.agentHost() + ":"
                    + repository.agentPort() + " is not supported: a restore reads a repository folder on the restoring"
                    + " agent's own host. Run the restore on the agent of the repository's host (" + repository.agentHost()
                    + "), to a path there.");
        }
    }

    @Override
    public void run(TaskRecord record) throws Exception {
        Path target = Path.of(order.targetPath());
        if (Files.exists(target) && !order.overwrite()) {
            throw new IOException(target + " exists already and the restore may not overwrite it. Restore to another"
                    + " path, or allow overwriting the existing file.");
        }
        if (order.newFolder() && !Files.isDirectory(target.getParent()) && Files.isDirectory(target.getParent().getParent())) {
            // Not owner-only: the hypervisor's own user must reach the VM's images, as in the VM's other folders.
            Files.createDirectory(target.getParent());
            record.log("Made the new VM's folder " + target.getParent() + ".");
        }
        if (!Files.isDirectory(target.getParent())) {
            throw new IOException("The folder " + target.getParent() + " does not exist on this host: create it, or"
                    + " restore to another path.");
        }
        // Hidden names beside the target: the same file system, so that the rename is atomic.
        String hidden = "." + target.getFileName() + ".bulwark-" + Integer.toHexString(order.taskId().hashCode());
        Path raw = target.resolveSibling(hidden + ".raw");
        Path qcow2 = target.resolveSibling(hidden + ".qcow2");
        try {
            record.log("Restoring disk '" + order.diskName() + "' of restore point "
                    + (order.pointId() == null ? "latest" : order.pointId()) + " from " + order.repository().path()
                    + " to " + target + " (" + format() + ").");
            RestoreJob.Result result = operations.restore(Path.of(order.repository().path()), order.repository().password(),
                    order.pointId(), order.diskName(), raw, record::progress);
            record.counted(result.bytesWritten(), result.bytesWritten());
            Path finished = raw;
            if (format() == DiskFormat.QCOW2) {
                record.log("Converting the restored disk to qcow2.");
                qemuImg.convertToQcow2(raw, qcow2);
                Files.delete(raw);
                finished = qcow2;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("the restore was stopped");
            }
            if (order.overwrite()) {
                Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                // Without REPLACE_EXISTING the move refuses a file that appeared meanwhile.
                Files.move(finished, target);
            }
            record.log("Restored " + result.bytesWritten() + " bytes of data (" + result.zeroBlocks()
                    + " zero blocks left as holes) to " + target + ".");
        } finally {
            boolean interrupted = Thread.interrupted();
            Files.deleteIfExists(raw);
            Files.deleteIfExists(raw.resolveSibling(raw.getFileName() + ".partial"));
            Files.deleteIfExists(qcow2);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private DiskFormat format() {
        return order.format() == null ? DiskFormat.RAW : order.format();
    }
}
