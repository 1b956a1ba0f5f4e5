package io.bulwark.agent.source;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a file has holes, asked of the file system with {@code lseek(SEEK_DATA)} and
 * {@code lseek(SEEK_HOLE)} through the FFM API, since the JDK has no call for them. A
 * thin-provisioned raw image is mostly holes, and reading a hole only copies zeroes out of the
 * kernel. Where the calls are missing (not Linux) or the file system does not know holes, the
 * whole file counts as data: always correct, only slower.
 */
final class FileHoles implements AutoCloseable {
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final long NO_MORE_DATA = -2;
    private static final long FAILED = -1;
    private static final Libc LIBC = Libc.load();

    private final Arena arena = Arena.ofShared();
    private final MemorySegment callState;
    private final int fd;

    private FileHoles(int fd) {
        this.fd = fd;
        this.callState = LIBC == null ? MemorySegment.NULL : arena.allocate(Linker.Option.captureStateLayout());
    }

    /**
     * Opens {@code path} for hole queries, on a descriptor of its own since a {@code FileChannel}
     * does not give out its; without the calls, an instance that sees no holes.
     */
    static FileHoles open(Path path) {
        if (LIBC == null) {
            return new FileHoles(-1);
        }
        try (Arena names = Arena.ofConfined()) {
            int fd = (int) LIBC.open.invokeExact(names.allocateFrom(path.toString()), O_RDONLY | O_CLOEXEC);
            return new FileHoles(fd);
        } catch (Throwable e) {
            return new FileHoles(-1);
        }
    }

    /**
     * The holes and data of {@code [offset, offset + length)}, in order, covering it exactly. Where
     * the file now ends before the range does, the rest counts as data, so that reading it finds
     * the shrunken file and says so, rather than taking the missing end for zeroes.
     *
     * @param file the same file, open, for its size now
     */
    List<Extent> map(long offset, long length, FileChannel file) throws IOException {
        long end = offset + length;
        if (fd < 0) {
            return List.of(new Extent(offset, length, false, true));
        }
        List<Extent> extents = new ArrayList<>();
        long position = offset;
        while (position < end) {
            long data = seek(position, SEEK_DATA);
            if (data == NO_MORE_DATA) {
                // A hole to the end of the range, unless the file has shrunk: then read, and fail.
                data = file.size() >= end ? end : FAILED;
            }
            if (data == FAILED) {
                // Nothing known: the rest counts as data.
                extents.add(new Extent(position, end - position, false, true));
                break;
            }
            if (data > position) {
                extents.add(new Extent(position, Math.min(data, end) - position, true, true));
            }
            if (data >= end) {
                break;
            }
            long hole = seek(data, SEEK_HOLE);
            long dataEnd = hole < 0 ? end : Math.min(hole, end);
            extents.add(new Extent(data, dataEnd - data, false, true));
            position = dataEnd;
        }
        return extents;
    }

    /** The offset lseek found, {@link #NO_MORE_DATA} from {@code from} on, or {@link #FAILED}. */
    private long seek(long from, int whence) {
        try {
            long found = (long) LIBC.lseek.invokeExact(callState, fd, from, whence);
            if (found >= 0) {
                return found;
            }
            int errno = (int) LIBC.errno.get(callState, 0L);
            return errno == ENXIO ? NO_MORE_DATA : FAILED;
        } catch (Throwable e) {
            return FAILED;
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            try {
                int ignored = (int) LIBC.close.invokeExact(fd);
            } catch (Throwable e) {
                // read-only descriptor; nothing to lose
            }
        }
        arena.close();
    }

    /** The three libc calls, bound once; null where they cannot be. */
    private record Libc(MethodHandle open, MethodHandle lseek, MethodHandle close, VarHandle errno) {
        static Libc load() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Linker.Option errno = Linker.Option.captureCallState("errno");
                MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                        Linker.Option.firstVariadicArg(2));
                MethodHandle lseek = linker.downcallHandle(libc.find("lseek").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_INT), errno);
                MethodHandle close = linker.downcallHandle(libc.find("close").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                VarHandle errnoValue = Linker.Option.captureStateLayout()
                        .varHandle(MemoryLayout.PathElement.groupElement("errno"));
                return new Libc(open, lseek, close, errnoValue);
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
    }
}
