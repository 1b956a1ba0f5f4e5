package io.bulwark.agent.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A deterministic stand-in for a VM disk: runs of zeroes (about 30%), log-like text (30%), random
 * data (25%) and blocks repeated from earlier in the disk (15%), each run one to sixteen blocks of
 * 1 MiB. The same seed always gives the same bytes, so benchmarks and tests compare like with like.
 * Zero runs are left as holes, as in a sparse image.
 */
public final class SyntheticDisk {
    static final int BLOCK = 1 << 20;
    private static final String[] LOG_WORDS = {"INFO", "WARN", "DEBUG", "request", "served", "in", "ms", "user",
            "session", "opened", "closed", "GET", "POST", "/api/v1/orders", "/static/app.js", "200", "404", "500",
            "cache", "miss", "hit", "db", "query", "took", "connection", "reset", "by", "peer", "retrying"};

    private SyntheticDisk() {
    }

    /** Writes a disk of {@code mebibytes} MiB to {@code target}. */
    public static void generate(Path target, int mebibytes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> earlier = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw")) {
            file.setLength(0);
            file.setLength((long) mebibytes * BLOCK);
            int block = 0;
            while (block < mebibytes) {
                int run = Math.min(1 + random.nextInt(16), mebibytes - block);
                double kind = random.nextDouble();
                for (int i = 0; i < run; i++, block++) {
                    byte[] data;
                    if (kind < 0.30) {
                        continue;
                    } else if (kind < 0.60) {
                        data = logText(random);
                    } else if (kind < 0.85 || earlier.isEmpty()) {
                        data = randomBytes(random);
                    } else {
                        data = earlier.get(random.nextInt(earlier.size()));
                    }
                    if (earlier.size() < 256) {
                        earlier.add(data);
                    } else {
                        earlier.set(random.nextInt(earlier.size()), data);
                    }
                    file.seek((long) block * BLOCK);
                    file.write(data);
                }
            }
        }
    }

    /**
     * Copies {@code base} to {@code target} and rewrites {@code percent}% of its blocks: a day of changes.
     *
     * @return the numbers of the blocks it rewrote, ascending, each once (a block can be drawn twice),
     *         so that a benchmark can make exactly the same writes elsewhere, such as into a qcow2 image
     */
    public static long[] changed(Path base, Path target, double percent, long seed) throws IOException {
        Files.copy(base, target, StandardCopyOption.REPLACE_EXISTING);
        SplittableRandom random = new SplittableRandom(seed);
        SortedSet<Long> rewritten = new TreeSet<>();
        try (RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw")) {
            long blocks = file.length() / BLOCK;
            long changes = Math.max(1, Math.round(blocks * percent / 100));
            for (long i = 0; i < changes; i++) {
                long block = random.nextLong(blocks);
                file.seek(block * BLOCK);
                file.write(random.nextBoolean() ? logText(random) : randomBytes(random));
                rewritten.add(block);
            }
        }
        return rewritten.stream().mapToLong(Long::longValue).toArray();
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] data = new byte[BLOCK];
        random.nextBytes(data);
        return data;
    }

    private static byte[] logText(SplittableRandom random) {
        StringBuilder text = new StringBuilder(BLOCK + 200);
        long clock = random.nextLong(1_700_000_000L, 1_800_000_000L);
        while (text.length() < BLOCK) {
            clock += random.nextInt(3);
            text.append(clock).append(' ');
            int words = 4 + random.nextInt(10);
            for (int w = 0; w < words; w++) {
                text.append(LOG_WORDS[random.nextInt(LOG_WORDS.length)]).append(' ');
            }
            text.append(random.nextInt(10_000)).append('\n');
        }
        return text.substring(0, BLOCK).getBytes(StandardCharsets.US_ASCII);
    }
}
