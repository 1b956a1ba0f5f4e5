package io.bulwark.agent.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark's command line.
 *
 * @param sizeMib   the synthetic disk's size
 * @param directory where to work; empty for a new temporary directory
 * @param keep      keep the work directory (disks, repositories, logs) at the end
 * @param help      only print the usage
 */
record BenchOptions(int sizeMib, Optional<Path> directory, boolean keep, boolean help) {
    static final int DEFAULT_SIZE_MIB = 2048;
    /** Below this the 2% change is a handful of blocks, and start-up time is all that is measured. */
    static final int MINIMUM_SIZE_MIB = 64;

    static final String USAGE = """
            Usage: ./bulwark bench [--size-mib N] [--dir DIR] [--keep]

            Measures Bulwark's data mover against restic and borg on a deterministic synthetic disk of
            N MiB (default 2048) and a version of it with 2% of its blocks rewritten: full backup,
            incremental (by fingerprint, and through a qemu-nbd dirty bitmap), restore and verify, each
            as a whole process with the page cache warm; then prints one table and the goals. Before
            each step it waits, up to a minute, for other processes to leave the CPUs nearly idle.
              --dir DIR  work in DIR (missing or empty) instead of a new temporary directory;
                         it needs about 10 times N MiB free, and as much RAM for the page cache
              --keep     keep the work directory at the end: disks, repositories, every command's log
            Needs restic, borg, qemu-img, qemu-io, qemu-nbd and GNU time. Exit status 0 when every step
            ran and every restore was bit-exact (goals missed or not), 1 otherwise.""";

    static BenchOptions parse(List<String> args) {
        int size = DEFAULT_SIZE_MIB;
        Optional<Path> directory = Optional.empty();
        boolean keep = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return new BenchOptions(size, directory, keep, true);
                }
                case "--keep" -> keep = true;
                case "--size-mib" -> size = sizeMib(value(args, ++i, arg));
                case "--dir" -> directory = Optional.of(Path.of(value(args, ++i, arg)));
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'.");
            }
        }
        return new BenchOptions(size, directory, keep, false);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value.");
        }
        return args.get(index);
    }

    private static int sizeMib(String text) {
        try {
            int size = Integer.parseInt(text);
            if (size < MINIMUM_SIZE_MIB) {
                throw new IllegalArgumentException("--size-mib must be at least " + MINIMUM_SIZE_MIB + ", not " + size + ".");
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size-mib takes a whole number of MiB, not '" + text + "'.");
        }
    }
}
