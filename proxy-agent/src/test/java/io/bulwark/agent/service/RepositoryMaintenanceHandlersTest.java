package io.bulwark.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.remote.ControlHandler;
import io.bulwark.agent.remote.InitialisedRepositories;
import io.bulwark.agent.tasks.AgentTasks;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskSourceSpec;
import io.bulwark.protocol.control.RepositoryForget;
import io.bulwark.protocol.control.RepositoryForgotten;
import io.bulwark.protocol.control.RepositoryPasswordChange;
import io.bulwark.protocol.control.RepositoryTarget;
import io.bulwark.protocol.control.RepositoryVerified;
import io.bulwark.protocol.control.RepositoryVerify;
import io.bulwark.protocol.control.TaskStatus;
import io.bulwark.protocol.inventory.DiskFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control channel's repository maintenance, as the engine calls it for a repository on a
 * managed server: forget named points and prune, verify, reseal with a new password; and nothing
 * for a folder the engine did not set up here.
 */
class RepositoryMaintenanceHandlersTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path temp;
    private final RepositoryOperations operations = new RepositoryOperations(Clock.systemUTC(), Duration.ofMinutes(1),
            2, notice -> { });
    private final AgentTasks tasks = new AgentTasks(operations, null, Clock.systemUTC());
    private Path repository;
    private Map<String, ControlHandler> handlers;

    @BeforeEach
    void setUp() throws Exception {
        repository = temp.resolve("repository");
        operations.init(repository, PASSWORD, null);
        Files.createDirectories(temp.resolve("config"));
        InitialisedRepositories initialised = new InitialisedRepositories(temp.resolve("config"));
        initialised.record(repository);
        handlers = RepositoryMaintenanceHandlers.of(operations, initialised);
    }

    @AfterEach
    void tearDown() {
        tasks.close();
    }

    @Test
    void forgetsExactlyTheNamedPointsAndTheRestStillVerifies() throws Exception {
        String first = backUp("b1", 1);
        String second = backUp("b2", 2);

        RepositoryForgotten forgotten = call(ControlChannel.REPOSITORY_FORGET,
                new RepositoryForget(repository.toString(), PASSWORD, List.of(first, "00ff00ff00ff00ff"), true),
                RepositoryForgotten.class);

        assertThat(forgotten.forgotten()).containsExactly(first);
        assertThat(forgotten.bytesFreed()).as("the first point's own blocks").isPositive();
        RepositoryVerified verified = call(ControlChannel.REPOSITORY_VERIFY,
                new RepositoryVerify(repository.toString(), PASSWORD, null), RepositoryVerified.class);
        assertThat(verified.pointsChecked()).isEqualTo(1);
        assertThat(verified.damagedPointIds()).isEmpty();
        assertThat(operations.points(repository, PASSWORD)).extracting(p -> p.id().hex()).containsExactly(second);
    }

    @Test
    void verifyingNamedPointsReadsOnlyTheBlocksTheyNeedAndFindsTheirDamage() throws Exception {
        String first = backUp("b1", 1);
        List<Path> firstPacks = packs();
        String second = backUp("b2", 2);
        // Random disks share no block: the first point's blocks are in the packs its backup wrote.
        for (Path pack : firstPacks) {
            try (var file = new java.io.RandomAccessFile(pack.toFile(), "rw")) {
                file.seek(file.length() / 2);
                file.write(new byte[64]);
            }
        }

        RepositoryVerified secondOnly = call(ControlChannel.REPOSITORY_VERIFY,
                new RepositoryVerify(repository.toString(), PASSWORD, List.of(second)), RepositoryVerified.class);
        RepositoryVerified firstOnly = call(ControlChannel.REPOSITORY_VERIFY,
                new RepositoryVerify(repository.toString(), PASSWORD, List.of(first)), RepositoryVerified.class);
        RepositoryVerified everything = call(ControlChannel.REPOSITORY_VERIFY,
                new RepositoryVerify(repository.toString(), PASSWORD, null), RepositoryVerified.class);

        assertThat(secondOnly.pointsChecked()).isEqualTo(1);
        assertThat(secondOnly.bytesChecked()).as("the second point's one block, not the first's").isEqualTo(1 << 20);
        assertThat(secondOnly.damagedPointIds()).isEmpty();
        assertThat(firstOnly.damagedPointIds()).containsExactly(first);
        assertThat(everything.pointsChecked()).isEqualTo(2);
        assertThat(everything.bytesChecked()).isEqualTo(2 << 20);
        assertThat(everything.damagedPointIds()).containsExactly(first);
    }

    private List<Path> packs() throws Exception {
        try (var files = Files.walk(repository.resolve("packs"))) {
            return files.filter(f -> f.toString().endsWith(".pack")).toList();
        }
    }

    @Test
    void aNewPasswordOpensEveryPointAndTheOldOneNone() throws Exception {
        String point = backUp("b1", 3);

        call(ControlChannel.REPOSITORY_PASSWORD, new RepositoryPasswordChange(repository.toString(), PASSWORD,
                "a new and longer one", null), Object.class);

        assertThat(operations.points(repository, "a new and longer one")).extracting(p -> p.id().hex())
                .containsExactly(point);
        assertThatThrownBy(() -> operations.points(repository, PASSWORD)).hasMessageContaining("password");
    }

    @Test
    void aFolderTheEngineDidNotSetUpHereIsRefused() throws Exception {
        Path other = temp.resolve("other");
        operations.init(other, PASSWORD, null);

        assertThatThrownBy(() -> call(ControlChannel.REPOSITORY_FORGET, new RepositoryForget(other.toString(), PASSWORD,
                List.of(), true), RepositoryForgotten.class))
                .hasMessageContaining("not a repository the engine set up on this host");
        assertThatThrownBy(() -> call(ControlChannel.REPOSITORY_VERIFY, new RepositoryVerify("relative/path", PASSWORD, null),
                RepositoryVerified.class)).hasMessageContaining("absolute");
    }

    private <T> T call(String op, Object body, Class<T> answer) throws Exception {
        Object result = handlers.get(op).handle(ApiJson.mapper().valueToTree(body));
        return ApiJson.mapper().convertValue(result, answer);
    }

    /** Backs up a raw disk of random bytes; answers the restore point's id. */
    private String backUp(String taskId, int seed) throws Exception {
        Path image = temp.resolve("disk-" + seed + ".raw");
        byte[] bytes = new byte[1 << 20];
        new Random(seed).nextBytes(bytes);
        Files.write(image, bytes);
        TaskStatus status = tasks.start(new DiskBackupOrder(taskId, DiskSourceSpec.file(image.toString(), DiskFormat.RAW,
                null, null), new RepositoryTarget(repository.toString(), null, 0, PASSWORD), "vm/sda", 1 << 20, "optimal"));
        Instant deadline = Instant.now().plusSeconds(60);
        while (!status.state().finished()) {
            assertThat(Instant.now()).as("the backup ends within a minute").isBefore(deadline);
            Thread.sleep(50);
            status = tasks.status(taskId);
        }
        assertThat(status.error()).isNull();
        return status.pointId();
    }
}
