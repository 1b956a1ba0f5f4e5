package io.bulwark.agent.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.source.DiskSource;
import io.bulwark.agent.source.Extent;
import io.bulwark.agent.testing.Processes;
import io.bulwark.agent.testing.Tools;
import io.bulwark.protocol.control.RepositoryTarget;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.control.TaskStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** What the task tests share: a repository, the way to wait for a task, and checks with qemu-img. */
final class TaskFixtures {
    static final String PASSWORD = "correct horse battery staple";
    static final RepositoryOperations OPERATIONS = new RepositoryOperations(Clock.systemUTC(), Duration.ofMinutes(1),
            Runtime.getRuntime().availableProcessors(), notice -> { });
    static final QemuImg QEMU_IMG = new QemuImg(Tools.require("qemu-img", Tools.QEMU_PACKAGE).toString());

    private TaskFixtures() {
    }

    static RepositoryTarget newRepository(Path directory) throws Exception {
        Path repository = directory.resolve("repo");
        OPERATIONS.init(repository, PASSWORD, "the stapled horse");
        return new RepositoryTarget(repository.toString(), null, 0, PASSWORD);
    }

    static TaskStatus awaitFinished(AgentTasks tasks, String taskId) throws InterruptedException {
        return await(tasks, taskId, status -> status.state().finished(), Duration.ofMinutes(2));
    }

    static TaskStatus await(AgentTasks tasks, String taskId, Predicate<TaskStatus> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        TaskStatus status = tasks.status(taskId);
        while (!condition.test(status)) {
            assertThat(System.nanoTime()).as("task %s still %s after %s: %s", taskId, status.state(), timeout, status.log())
                    .isLessThan(deadline);
            Thread.sleep(25);
            status = tasks.status(taskId);
        }
        return status;
    }

    static TaskStatus succeeded(AgentTasks tasks, String taskId) throws InterruptedException {
        TaskStatus status = awaitFinished(tasks, taskId);
        assertThat(status.state()).as("%s: %s", status.error(), status.log()).isEqualTo(TaskState.SUCCEEDED);
        return status;
    }

    static List<String> bitmaps(Path image) throws IOException {
        return QEMU_IMG.info(image).bitmaps();
    }

    /** qemu-img compare exits 0 only when both images hold the same disk, whatever their formats. */
    static void assertSameDisk(Path restored, String restoredFormat, Path original, String originalFormat) {
        Processes.run(Duration.ofMinutes(2), List.of(QEMU_IMG.program(), "compare", "-q", "-f", restoredFormat, "-F",
                originalFormat, restored.toString(), original.toString()));
    }

    /** A source that reads at {@code bytesPerSecond}: a slow disk, so that a test can watch and cancel a backup. */
    static DiskSource slow(DiskSource disk, long bytesPerSecond) {
        return new DiskSource() {
            @Override
            public String description() {
                return disk.description();
            }

            @Override
            public long size() {
                return disk.size();
            }

            @Override
            public List<Extent> map(long offset, long length) throws IOException {
                return disk.map(offset, length);
            }

            @Override
            public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
                try {
                    Thread.sleep(Duration.ofNanos(length * 1_000_000_000L / bytesPerSecond));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("stopped");
                }
                disk.read(offset, buffer, bufferOffset, length);
            }

            @Override
            public boolean tracksChanges() {
                return disk.tracksChanges();
            }

            @Override
            public void close() throws IOException {
                disk.close();
            }
        };
    }
}
