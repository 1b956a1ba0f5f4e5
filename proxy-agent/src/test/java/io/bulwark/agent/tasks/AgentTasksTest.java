package io.bulwark.agent.tasks;

import static io.bulwark.agent.tasks.TaskFixtures.OPERATIONS;
import static io.bulwark.agent.tasks.TaskFixtures.PASSWORD;
import static io.bulwark.agent.tasks.TaskFixtures.assertSameDisk;
import static io.bulwark.agent.tasks.TaskFixtures.awaitFinished;
import static io.bulwark.agent.tasks.TaskFixtures.bitmaps;
import static io.bulwark.agent.tasks.TaskFixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.testing.DiskImages;
import io.bulwark.agent.testing.NbdServer;
import io.bulwark.agent.testing.Processes;
import io.bulwark.agent.testing.Tools;
import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskRestoreOrder;
import io.bulwark.protocol.control.DiskSourceSpec;
import io.bulwark.protocol.control.RepositoryTarget;
import io.bulwark.protocol.control.StageLoad;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.control.TaskStatus;
import io.bulwark.protocol.inventory.DiskFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's disk tasks against real qemu-img, qemu-nbd and qemu-io, into a repository folder on this host. */
class AgentTasksTest {
    private static final long MIB = 1 << 20;
    private static final int BLOCK = 1 << 20;

    @TempDir
    Path directory;
    private final AgentTasks tasks = new AgentTasks(OPERATIONS, null, Clock.systemUTC());

    @AfterEach
    void stop() {
        tasks.close();
    }

    @Test
    void aQcow2ImageIsBackedUpThroughItsBitmapsAndRestoresBitForBit() throws Exception {
        RepositoryTarget repository = TaskFixtures.newRepository(directory);
        Path image = DiskImages.createQcow2(directory.resolve("vm.qcow2"), 256 * MIB);
        DiskImages.qemuIo(image, "qcow2", "write -P 0x5a 0 1M", "write -P 0x33 64M 2M");

        TaskStatus first = succeeded(tasks, start(tasks, "b1", repository, image, null, "bulwark-1").taskId());
        assertThat(first.bytesRead()).as("the allocated 3 MiB, not the 256 MiB disk").isEqualTo(3 * MIB);
        assertThat(first.totalBytes()).isEqualTo(256 * MIB);
        assertThat(first.doneBytes()).isEqualTo(256 * MIB);
        assertThat(first.pointId()).isNotBlank();
        assertThat(first.log()).anyMatch(line -> line.contains("Reading the whole disk"));
        assertThat(bitmaps(image)).containsExactly("bulwark-1");

        DiskImages.qemuIo(image, "qcow2", "write -P 0x77 128M 1M");
        TaskStatus second = succeeded(tasks, start(tasks, "b2", repository, image, "bulwark-1", "bulwark-2").taskId());
        assertThat(second.bytesRead()).as("only the dirty megabyte").isEqualTo(MIB);
        assertThat(second.bytesTransferred()).isPositive().isLessThan(2 * MIB);
        assertThat(second.log()).anyMatch(line -> line.contains("dirty bitmap bulwark-1 marks as changed"));
        assertThat(bitmaps(image)).as("only the newest bulwark bitmap is left").containsExactly("bulwark-2");
        assertThat(second.load().source()).isBetween(0, 100);

        Path raw = directory.resolve("restored.raw");
        succeeded(tasks, tasks.start(new DiskRestoreOrder("r1", repository, second.pointId(), "vm", raw.toString(),
                DiskFormat.RAW, false, false)).taskId());
        assertSameDisk(raw, "raw", image, "qcow2");
        Path qcow2 = directory.resolve("restored.qcow2");
        succeeded(tasks, tasks.start(new DiskRestoreOrder("r2", repository, second.pointId(), "vm", qcow2.toString(),
                DiskFormat.QCOW2, false, false)).taskId());
        assertThat(TaskFixtures.QEMU_IMG.info(qcow2).format()).isEqualTo("qcow2");
        assertSameDisk(qcow2, "qcow2", image, "qcow2");

        TaskStatus refused = awaitFinished(tasks, tasks.start(new DiskRestoreOrder("r3", repository, first.pointId(),
                "vm", raw.toString(), DiskFormat.RAW, false, false)).taskId());
        assertThat(refused.state()).isEqualTo(TaskState.FAILED);
        assertThat(refused.error()).contains(raw + " exists already").contains("allow overwriting");
        succeeded(tasks, tasks.start(new DiskRestoreOrder("r4", repository, first.pointId(), "vm", raw.toString(),
                DiskFormat.RAW, true, false)).taskId());
        assertThat(Files.readAllBytes(raw)).hasSize((int) (256 * MIB));
        assertThat(ExternalCommand.run(List.of(TaskFixtures.QEMU_IMG.program(), "compare", "-q", "-f", "raw", "-F",
                "qcow2", raw.toString(), image.toString()), Duration.ofMinutes(1)).exitStatus())
                .as("the first point, restored over the file, lacks the later write").isEqualTo(1);
        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".bulwark-"));
        }
    }

    @Test
    void aCancelledBackupCommitsNothingAndLeavesThePreviousBitmap() throws Exception {
        RepositoryTarget repository = TaskFixtures.newRepository(directory);
        Path image = DiskImages.createQcow2(directory.resolve("db.qcow2"), 64 * MIB);
        DiskImages.qemuIo(image, "qcow2", "write -P 0x5a 0 1M");
        succeeded(tasks, start(tasks, "full", repository, image, null, "bulwark-1").taskId());
        DiskImages.qemuIo(image, "qcow2", "write -P 0x21 8M 16M");

        try (AgentTasks slow = new AgentTasks(OPERATIONS, null, Clock.systemUTC(), QemuTools.onPath(),
                disk -> TaskFixtures.slow(disk, 4 * MIB))) {
            String id = start(slow, "cancelled", repository, image, "bulwark-1", "bulwark-2").taskId();
            TaskStatus reading = TaskFixtures.await(slow, id, s -> s.bytesRead() > 0, Duration.ofSeconds(30));
            assertThat(reading.state()).isEqualTo(TaskState.RUNNING);
            assertLoad(reading.load());
            assertThat(slow.start(new DiskBackupOrder(id, DiskSourceSpec.file(image.toString(), DiskFormat.QCOW2,
                    null, "bulwark-9"), repository, "db", BLOCK, "optimal")).state())
                    .as("the same task id again answers the running task").isEqualTo(TaskState.RUNNING);

            slow.cancel(id);
            TaskStatus cancelled = awaitFinished(slow, id);
            assertThat(cancelled.state()).isEqualTo(TaskState.CANCELLED);
            assertThat(cancelled.pointId()).isNull();
            assertThat(cancelled.log()).anyMatch(line -> line.contains("Removed the dirty bitmap bulwark-2 again"));
        }
        assertThat(OPERATIONS.points(Path.of(repository.path()), PASSWORD)).hasSize(1);
        assertThat(bitmaps(image)).containsExactly("bulwark-1");

        TaskStatus next = succeeded(tasks, start(tasks, "after", repository, image, "bulwark-1", "bulwark-3").taskId());
        assertThat(next.bytesRead()).as("the next backup still reads every change since the full one").isEqualTo(16 * MIB);
        assertThat(bitmaps(image)).containsExactly("bulwark-3");
    }

    @Test
    void theStageLoadNamesASlowSourceAsTheBottleneck() throws Exception {
        RepositoryTarget repository = TaskFixtures.newRepository(directory);
        Path disk = DiskImages.createSparseRaw(directory.resolve("slow.raw"), 32 * MIB);
        byte[] data = new byte[(int) (8 * MIB)];
        new java.util.Random(5).nextBytes(data);
        DiskImages.writeRaw(disk, 4 * MIB, data);
        try (AgentTasks slow = new AgentTasks(OPERATIONS, null, Clock.systemUTC(), QemuTools.onPath(),
                source -> TaskFixtures.slow(source, 8 * MIB))) {
            String id = slow.start(new DiskBackupOrder("slow", DiskSourceSpec.file(disk.toString(), DiskFormat.RAW, null,
                    null), repository, "slow", BLOCK, "optimal")).taskId();
            TaskStatus done = succeeded(slow, id);
            assertLoad(done.load());
            assertThat(done.load().bottleneck()).isEqualTo("Source");
            assertThat(done.load().source()).isGreaterThan(50);
            assertThat(done.load().network()).as("a local repository").isZero();
            assertThat(done.log()).anyMatch(line -> line.contains("bottleneck Source"));
        }
    }

    @Test
    void anImageARunningVmHoldsIsNotRead() throws Exception {
        RepositoryTarget repository = TaskFixtures.newRepository(directory);
        Path image = DiskImages.createQcow2(directory.resolve("running.qcow2"), 16 * MIB);
        DiskImages.qemuIo(image, "qcow2", "write -P 0x5a 0 1M");
        Path socket = directory.resolve("vm.sock");
        // A writable qemu-nbd holds the image's locks the way a running VM's qemu does.
        Process vm = new ProcessBuilder(Tools.require("qemu-nbd", Tools.QEMU_PACKAGE).toString(), "--format=qcow2",
                "--socket=" + socket, image.toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("vm.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            TaskStatus failed = awaitFinished(tasks, start(tasks, "locked", repository, image, null, "bulwark-1").taskId());
            assertThat(failed.state()).isEqualTo(TaskState.FAILED);
            assertThat(failed.error()).contains("VM").contains("is running").contains("was not read");
        } finally {
            Processes.terminate(vm, Duration.ofSeconds(5));
        }
        assertThat(bitmaps(image)).as("nothing was added").isEmpty();
        assertThat(OPERATIONS.points(Path.of(repository.path()), PASSWORD)).isEmpty();
    }

    @Test
    void anNbdExportIsReadThroughItsDirtyBitmap() throws Exception {
        RepositoryTarget repository = TaskFixtures.newRepository(directory);
        Path image = DiskImages.createQcow2(directory.resolve("esx.qcow2"), 128 * MIB);
        DiskImages.qemuIo(image, "qcow2", "write -P 0x5a 0 2M");
        DiskImages.addBitmap(image, "engine-1");
        try (NbdServer export = NbdServer.qemuNbd(image).format("qcow2").start()) {
            TaskStatus full = succeeded(tasks, tasks.start(new DiskBackupOrder("n1", DiskSourceSpec.nbd("127.0.0.1",
                    export.uri().port(), "disk0", false, null), repository, "esx", BLOCK, "optimal")).taskId());
            assertThat(full.bytesRead()).isEqualTo(2 * MIB);
        }
        DiskImages.qemuIo(image, "qcow2", "write -P 0x66 100M 1M");
        TaskStatus incremental;
        try (NbdServer export = NbdServer.qemuNbd(image).format("qcow2").bitmap("engine-1").start()) {
            incremental = succeeded(tasks, tasks.start(new DiskBackupOrder("n2", DiskSourceSpec.nbd("127.0.0.1",
                    export.uri().port(), "disk0", false, "engine-1"), repository, "esx", BLOCK, "optimal")).taskId());
        }
        assertThat(incremental.bytesRead()).isEqualTo(MIB);
        Path raw = directory.resolve("esx.raw");
        succeeded(tasks, tasks.start(new DiskRestoreOrder("n3", repository, null, "esx", raw.toString(), DiskFormat.RAW,
                false, false)).taskId());
        assertSameDisk(raw, "raw", image, "qcow2");
    }

    private static TaskStatus start(AgentTasks tasks, String id, RepositoryTarget repository, Path image, String read,
                                    String add) {
        String name = image.getFileName().toString().replaceFirst("\\..*$", "");
        return tasks.start(new DiskBackupOrder(id, DiskSourceSpec.file(image.toString(), DiskFormat.QCOW2, read, add),
                repository, name, BLOCK, "optimal"));
    }

    static void assertLoad(StageLoad load) {
        assertThat(List.of(load.source(), load.proxy(), load.network(), load.target())).allSatisfy(
                percent -> assertThat(percent).isBetween(0, 100));
        assertThat(load.bottleneck()).isIn("Source", "Proxy", "Network", "Target");
    }
}
