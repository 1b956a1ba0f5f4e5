package io.bulwark.agent.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLockTest {
    @TempDir
    Path folder;

    @Test
    void twoBackupsIntoOneRepositoryInOneProcessShareItsLock() throws Exception {
        // Each backup opens the repository on its own; the OS would refuse the second file lock of one process.
        RepositoryLock first = RepositoryLock.of(folder.resolve("repository.lock"));
        RepositoryLock second = RepositoryLock.of(folder.resolve(".").resolve("repository.lock"));

        try (RepositoryLock.Held a = first.shared(Duration.ofSeconds(1));
             RepositoryLock.Held b = second.shared(Duration.ofSeconds(1))) {
            assertThat(second).isSameAs(first);
            CompletableFuture<RepositoryLock.Held> prune = CompletableFuture.supplyAsync(() -> {
                try {
                    return first.exclusive(Duration.ofMillis(300));
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            assertThatThrownBy(prune::join).as("a prune waits for the backups")
                    .hasCauseInstanceOf(RepositoryLock.LockTimeoutException.class);
        }
        try (RepositoryLock.Held prune = second.exclusive(Duration.ofSeconds(1))) {
            assertThat(prune).as("free again once both backups ended").isNotNull();
        }
    }
}
