package io.bulwark.agent.repository.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.repository.RepositoryLayout;
import io.bulwark.agent.repository.pack.PackId;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryIndexTest {
    @TempDir
    Path root;
    RepositoryLayout layout;
    Random random = new Random(11);

    @BeforeEach
    void setUp() throws Exception {
        layout = new RepositoryLayout(root);
        Files.createDirectories(layout.index());
        Files.createDirectories(layout.tmp());
    }

    @Test
    void findsEveryPublishedEntryAndNothingElse() throws Exception {
        RepositoryIndex index = RepositoryIndex.open(layout);
        List<IndexEntry> all = new ArrayList<>();
        for (int pack = 0; pack < 20; pack++) {
            List<IndexEntry> entries = entries(50);
            index.publish(entries);
            all.addAll(entries);
        }
        for (IndexEntry entry : all) {
            assertThat(index.find(entry.fingerprint())).contains(entry);
        }
        assertThat(index.find(fingerprint())).isEmpty();
        assertThat(RepositoryIndex.open(layout).entryCount()).as("reopened from disk").isEqualTo(all.size());
    }

    @Test
    void mergesEightFilesOfATierIntoOne() throws Exception {
        RepositoryIndex index = RepositoryIndex.open(layout);
        for (int pack = 0; pack < RepositoryIndex.FILES_PER_TIER - 1; pack++) {
            index.publish(entries(10));
        }
        assertThat(index.files()).hasSize(RepositoryIndex.FILES_PER_TIER - 1);
        index.publish(entries(10));
        assertThat(index.files()).hasSize(1);
        assertThat(index.files().getFirst().count()).isEqualTo(80);
        try (var files = Files.list(layout.index())) {
            assertThat(files.count()).as("merged files are deleted").isEqualTo(1);
        }
    }

    @Test
    void aFingerprintInTwoFilesIsListedOnceAndRewriteKeepsTheAcceptedCopy() throws Exception {
        RepositoryIndex index = RepositoryIndex.open(layout);
        Fingerprint shared = fingerprint();
        IndexEntry first = new IndexEntry(shared, PackId.random(), 32, 100, 200);
        IndexEntry second = new IndexEntry(shared, PackId.random(), 32, 100, 200);
        index.publish(List.of(first));
        index.publish(List.of(second));
        List<IndexEntry> listed = new ArrayList<>();
        index.entries().forEachRemaining(listed::add);
        assertThat(listed).hasSize(1);
        index.rewrite(entry -> !entry.pack().equals(first.pack()));
        assertThat(index.find(shared)).contains(second);
        index.rewrite(entry -> !entry.pack().equals(second.pack()));
        assertThat(index.find(shared)).as("no copy accepted: gone").isEmpty();
    }

    @Test
    void theChecksumCatchesAFlippedByte() throws Exception {
        RepositoryIndex index = RepositoryIndex.open(layout);
        index.publish(entries(100));
        IndexFile file = index.files().getFirst();
        file.verifyChecksum();
        try (RandomAccessFile raw = new RandomAccessFile(file.path().toFile(), "rw")) {
            raw.seek(IndexFile.HEADER_BYTES + 70);
            int b = raw.read();
            raw.seek(IndexFile.HEADER_BYTES + 70);
            raw.write(b ^ 1);
        }
        assertThatThrownBy(() -> IndexFile.open(file.path()).verifyChecksum())
                .isInstanceOf(IndexFile.DamagedIndexException.class).hasMessageContaining("checksum");
    }

    @Test
    void refusesEntriesOutOfOrder() throws Exception {
        Fingerprint low = new Fingerprint(1, 0, 0, 0);
        Fingerprint high = new Fingerprint(2, 0, 0, 0);
        Iterator<IndexEntry> wrongOrder = List.of(new IndexEntry(high, PackId.random(), 0, 1, 1),
                new IndexEntry(low, PackId.random(), 0, 1, 1)).iterator();
        assertThatThrownBy(() -> IndexFile.write(root.resolve("bad.idx"), 2, wrongOrder))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<IndexEntry> entries(int count) {
        List<IndexEntry> entries = new ArrayList<>();
        PackId pack = PackId.random();
        for (int i = 0; i < count; i++) {
            entries.add(new IndexEntry(fingerprint(), pack, 32 + i * 1000L, 900, 1000));
        }
        return entries;
    }

    private Fingerprint fingerprint() {
        return new Fingerprint(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }
}
