package io.bulwark.agent.prune;

import io.bulwark.agent.repository.points.RestorePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which restore points to keep: the newest {@code keepLast}, and every one younger than
 * {@code keepDays} days. A point either rule keeps is kept; the rest are forgotten.
 */
public record Retention(Integer keepLast, Integer keepDays) {
    public Retention {
        if (keepLast == null && keepDays == null) {
            throw new IllegalArgumentException("Say what to keep: --keep-last N, --keep-days N, or both.");
        }
        if ((keepLast != null && keepLast < 1) || (keepDays != null && keepDays < 1)) {
            throw new IllegalArgumentException("--keep-last and --keep-days take a number of at least 1.");
        }
    }

    /** The points to forget, from a list ordered oldest first. */
    public List<RestorePoint> toForget(List<RestorePoint> oldestFirst, Instant now) {
        Set<RestorePoint> keep = new HashSet<>();
        if (keepLast != null) {
            keep.addAll(oldestFirst.subList(Math.max(0, oldestFirst.size() - keepLast), oldestFirst.size()));
        }
        if (keepDays != null) {
            Instant cutoff = now.minus(Duration.ofDays(keepDays));
            oldestFirst.stream().filter(p -> p.created().isAfter(cutoff)).forEach(keep::add);
        }
        return oldestFirst.stream().filter(p -> !keep.contains(p)).toList();
    }
}
