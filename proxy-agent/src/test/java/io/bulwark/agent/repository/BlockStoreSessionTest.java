package io.bulwark.agent.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.agent.blocks.Codec;
import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.blocks.SealedBlob;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions storing into one repository at once, as a repository agent runs them: who sends a shared block, and when it counts as stored. */
class BlockStoreSessionTest {
    private static final Fingerprint SHARED = new Fingerprint(1, 2, 3, 4);
    private static final Fingerprint OWN = new Fingerprint(5, 6, 7, 8);

    @TempDir
    Path directory;
    RepositoryStorage storage;

    @BeforeEach
    void open() throws Exception {
        Path repository = directory.resolve("repo");
        LocalRepository.init(repository, "password", null, Clock.systemUTC());
        storage = RepositoryStorage.open(repository);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aBlockOneSessionStoresIsNotSentByAnotherWhichWaitsUntilItIsDurable() throws Exception {
        try (BlockStoreSession first = session(); BlockStoreSession second = session()) {
            assertThat(first.claim(List.of(SHARED))).containsExactly(true);
            assertThat(second.claim(List.of(SHARED, OWN))).containsExactly(false, true);
            first.store(blob(SHARED), () -> { });
            second.store(blob(OWN), () -> { });
            // The first session's pack is still open; the second asks it to publish, and waits.
            second.finish();
            assertThat(storage.index().contains(SHARED)).isTrue();
            assertThat(storage.index().contains(OWN)).isTrue();
            first.finish();
        }
        try (BlockStoreSession later = session()) {
            assertThat(later.claim(List.of(SHARED, OWN))).containsExactly(false, false);
        }
    }

    @Test
    void aBorrowedBlockLostWithItsSessionFailsTheCommitThatNeedsIt() throws Exception {
        try (BlockStoreSession borrower = session()) {
            try (BlockStoreSession failing = session()) {
                assertThat(failing.claim(List.of(SHARED))).containsExactly(true);
                assertThat(borrower.claim(List.of(SHARED))).containsExactly(false);
            }
            assertThatThrownBy(borrower::finish).isInstanceOf(IOException.class)
                    .hasMessageContaining("Another backup into this repository was storing 1 block(s) of this backup and"
                            + " failed before they were durable. Nothing was committed");
            assertThat(borrower.claim(List.of(SHARED))).as("free to store it itself now").containsExactly(true);
        }
    }

    @Test
    void aClaimedBlockThatNeverCameFailsTheCommit() throws Exception {
        try (BlockStoreSession session = session()) {
            session.claim(List.of(SHARED));
            assertThatThrownBy(session::finish).isInstanceOf(IOException.class)
                    .hasMessage("1 block(s) claimed for this backup were never sent. Nothing was committed.");
        }
    }

    private BlockStoreSession session() throws Exception {
        return new BlockStoreSession(storage, storage.lock().shared(Duration.ofSeconds(5)));
    }

    private static SealedBlob blob(Fingerprint fingerprint) {
        byte[] stored = new byte[64];
        return new SealedBlob(fingerprint, Codec.RAW, 36, stored, stored.length);
    }
}
