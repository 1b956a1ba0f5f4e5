package io.bulwark.agent.prune;

import io.bulwark.agent.repository.points.RestorePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which restore points to keep: the newest {@code keepLast}, and every one younger than
 * {@code keepDays} days, of each disk (points are grouped by the disks they hold, so keeping "the
 * last seven" never takes the only points of another disk). A point either rule keeps is kept;
 * the rest are forgotten.
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
        Map<List<String>, List<RestorePoint>> byDisks = oldestFirst.stream().collect(Collectors.groupingBy(
                p -> p.disks().stream().map(RestorePoint.Disk::name).sorted().toList(), LinkedHashMap::new,
                Collectors.toList()));
        for (List<RestorePoint> group : byDisks.values()) {
            if (keepLast != null) {
                keep.addAll(group.subList(Math.max(0, group.size() - keepLast), group.size()));
            }
            if (keepDays != null) {
                Instant cutoff = now.minus(Duration.ofDays(keepDays));
                group.stream().filter(p -> p.created().isAfter(cutoff)).forEach(keep::add);
            }
        }
        return oldestFirst.stream().filter(p -> !keep.contains(p)).toList();
    }
}
