package io.bulwark.agent.nbd;

import static io.bulwark.agent.nbd.NbdProtocol.NBD_STATE_DIRTY;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_STATE_ZERO;

import io.bulwark.agent.source.Extent;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the extents of one map call from successive block status replies. Each reply may hold
 * two contexts, {@code base:allocation} and a dirty bitmap, whose descriptors have different
 * boundaries and reach; the part both describe is cut at every boundary of either, clipped to
 * the range asked for, and neighbours that say the same are joined.
 */
final class ExtentCollector {
    private final long end;
    private long position;
    private final List<Extent> extents = new ArrayList<>();

    ExtentCollector(long start, long end) {
        this.position = start;
        this.end = end;
    }

    /** The first byte not described yet: where the next block status request must start. */
    long position() {
        return position;
    }

    boolean isComplete() {
        return position >= end;
    }

    List<Extent> extents() {
        return List.copyOf(extents);
    }

    /**
     * Adds one reply whose descriptors start at {@code from}, at or before {@link #position()}. A
     * null list is a context that was not negotiated: no allocation means data, no bitmap means
     * dirty.
     *
     * @return whether the reply described anything past {@link #position()}
     */
    boolean add(long from, List<StatusDescriptor> allocation, List<StatusDescriptor> bitmap) {
        long reach = Math.min(end, Math.min(reach(from, allocation), reach(from, bitmap)));
        if (reach <= position) {
            return false;
        }
        Cursor allocationCursor = new Cursor(from, allocation);
        Cursor bitmapCursor = new Cursor(from, bitmap);
        long at = from;
        while (at < reach) {
            long next = Math.min(reach, Math.min(allocationCursor.end, bitmapCursor.end));
            boolean zero = allocation != null && (allocationCursor.flags() & NBD_STATE_ZERO) != 0;
            boolean dirty = bitmap == null || (bitmapCursor.flags() & NBD_STATE_DIRTY) != 0;
            append(Math.max(at, position), next, zero, dirty);
            at = next;
            allocationCursor.advanceTo(at);
            bitmapCursor.advanceTo(at);
        }
        position = reach;
        return true;
    }

    private void append(long start, long stop, boolean zero, boolean dirty) {
        if (stop <= start) {
            return;
        }
        int lastIndex = extents.size() - 1;
        if (lastIndex >= 0) {
            Extent last = extents.get(lastIndex);
            if (last.end() == start && last.zero() == zero && last.dirty() == dirty) {
                extents.set(lastIndex, new Extent(last.offset(), stop - last.offset(), zero, dirty));
                return;
            }
        }
        extents.add(new Extent(start, stop - start, zero, dirty));
    }

    private static long reach(long from, List<StatusDescriptor> descriptors) {
        if (descriptors == null) {
            return Long.MAX_VALUE;
        }
        long reach = from;
        for (StatusDescriptor descriptor : descriptors) {
            reach += descriptor.length();
        }
        return reach;
    }

    /** Walks one context's descriptors; a missing context is one endless descriptor. */
    private static final class Cursor {
        private final List<StatusDescriptor> descriptors;
        private int index;
        private long end;

        Cursor(long from, List<StatusDescriptor> descriptors) {
            this.descriptors = descriptors;
            this.end = descriptors == null ? Long.MAX_VALUE : from + descriptors.getFirst().length();
        }

        int flags() {
            return descriptors == null ? 0 : descriptors.get(index).flags();
        }

        void advanceTo(long at) {
            while (descriptors != null && end <= at && index + 1 < descriptors.size()) {
                index++;
                end += descriptors.get(index).length();
            }
        }
    }
}
