package io.bulwark.agent.repository.index;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.repository.Durable;
import io.bulwark.agent.repository.RepositoryLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * All index files of a repository, searched as one. New files arrive as packs are finished (one
 * small file per pack, so a killed backup's blocks are found by the next one); files are merged
 * by size tier, eight of a tier into one of the next, so a repository of any size is searched in
 * a few dozen files. Thread-safe.
 */
public final class RepositoryIndex {
    static final int FILES_PER_TIER = 8;

    private final RepositoryLayout layout;
    private volatile List<IndexFile> files;

    private RepositoryIndex(RepositoryLayout layout, List<IndexFile> files) {
        this.layout = layout;
        this.files = files;
    }

    public static RepositoryIndex open(RepositoryLayout layout) throws IOException {
        List<IndexFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(layout.index())) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".idx")).sorted().toList()) {
                try {
                    files.add(IndexFile.open(path));
                } catch (NoSuchFileException mergedMeanwhile) {
                    // another writer merged it into a newer file, which this listing also holds
                }
            }
        }
        return new RepositoryIndex(layout, files);
    }

    public Optional<IndexEntry> find(Fingerprint fingerprint) {
        List<IndexFile> current = files;
        for (int i = current.size() - 1; i >= 0; i--) {
            Optional<IndexEntry> entry = current.get(i).find(fingerprint);
            if (entry.isPresent()) {
                return entry;
            }
        }
        return Optional.empty();
    }

    public boolean contains(Fingerprint fingerprint) {
        return find(fingerprint).isPresent();
    }

    /** Every fingerprint the index knows, once each, in fingerprint order. */
    public Iterator<IndexEntry> entries() {
        return mergedIterator(files, entry -> true);
    }

    public List<IndexFile> files() {
        return files;
    }

    public long entryCount() {
        return files.stream().mapToLong(IndexFile::count).sum();
    }

    /** Writes the entries of a finished pack as a new index file, and searches it from now on. */
    public synchronized void publish(List<IndexEntry> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        Map<Fingerprint, IndexEntry> sorted = new TreeMap<>();
        entries.forEach(entry -> sorted.putIfAbsent(entry.fingerprint(), entry));
        IndexFile file = writeAndOpen(sorted.size(), sorted.values().iterator());
        List<IndexFile> next = new ArrayList<>(files);
        next.add(file);
        files = List.copyOf(next);
        compactTiers();
    }

    /**
     * Replaces every index file with one holding the entries {@code keep} accepts, one per
     * fingerprint. For garbage collection, with no backup running.
     */
    public synchronized void rewrite(Predicate<IndexEntry> keep) throws IOException {
        List<IndexFile> old = files;
        IndexFile merged = merge(old, keep);
        List<IndexFile> next = new ArrayList<>();
        if (merged != null) {
            next.add(merged);
        }
        files = List.copyOf(next);
        retire(old);
    }

    /** Merges the files of any tier that has {@link #FILES_PER_TIER} of them. */
    private void compactTiers() throws IOException {
        boolean merged = true;
        while (merged) {
            merged = false;
            Map<Integer, List<IndexFile>> tiers = files.stream().collect(Collectors.groupingBy(RepositoryIndex::tier));
            for (List<IndexFile> tier : tiers.values()) {
                if (tier.size() >= FILES_PER_TIER) {
                    IndexFile combined = merge(tier, entry -> true);
                    List<IndexFile> next = new ArrayList<>(files);
                    next.removeAll(tier);
                    next.add(combined);
                    files = List.copyOf(next);
                    retire(tier);
                    merged = true;
                    break;
                }
            }
        }
    }

    static int tier(IndexFile file) {
        int tier = 0;
        for (long size = file.count(); size >= FILES_PER_TIER * 16L; size /= FILES_PER_TIER) {
            tier++;
        }
        return tier;
    }

    private IndexFile merge(List<IndexFile> sources, Predicate<IndexEntry> keep) throws IOException {
        long count = 0;
        for (Iterator<IndexEntry> counting = mergedIterator(sources, keep); counting.hasNext(); counting.next()) {
            count++;
        }
        return count == 0 ? null : writeAndOpen(count, mergedIterator(sources, keep));
    }

    private IndexFile writeAndOpen(long count, Iterator<IndexEntry> sorted) throws IOException {
        String name = UUID.randomUUID() + ".idx";
        Path temporary = layout.tmp().resolve(name);
        IndexFile.write(temporary, count, sorted);
        Path target = layout.index().resolve(name);
        Durable.publish(temporary, target);
        return IndexFile.open(target);
    }

    /** Deletes merged files; searches still running on them finish on the mapped copy. */
    private static void retire(List<IndexFile> old) throws IOException {
        for (IndexFile file : old) {
            Files.deleteIfExists(file.path());
        }
        if (!old.isEmpty()) {
            Durable.forceDirectory(old.getFirst().path().getParent());
        }
    }

    /** The entries of several sorted files in fingerprint order, each fingerprint once. */
    static Iterator<IndexEntry> mergedIterator(List<IndexFile> sources, Predicate<IndexEntry> keep) {
        record Head(IndexEntry entry, Iterator<IndexEntry> rest) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing((Head h) -> h.entry().fingerprint()));
        for (IndexFile source : sources) {
            Iterator<IndexEntry> iterator = source.iterator();
            if (iterator.hasNext()) {
                heads.add(new Head(iterator.next(), iterator));
            }
        }
        return new Iterator<>() {
            private IndexEntry next = advance();

            /** The next fingerprint's first copy that {@code keep} accepts; other copies are passed over. */
            private IndexEntry advance() {
                while (!heads.isEmpty()) {
                    Fingerprint fingerprint = heads.peek().entry().fingerprint();
                    IndexEntry chosen = null;
                    while (!heads.isEmpty() && heads.peek().entry().fingerprint().equals(fingerprint)) {
                        Head head = heads.poll();
                        if (chosen == null && keep.test(head.entry())) {
                            chosen = head.entry();
                        }
                        if (head.rest().hasNext()) {
                            heads.add(new Head(head.rest().next(), head.rest()));
                        }
                    }
                    if (chosen != null) {
                        return chosen;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public IndexEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                IndexEntry current = next;
                next = advance();
                return current;
            }
        };
    }

}
