package io.bulwark.console.backups;

import io.bulwark.console.common.Detail;
import io.bulwark.console.common.Formats;
import io.bulwark.console.table.Column;
import io.bulwark.console.table.TableDefinition;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.backups.RestorePointDisk;
import io.bulwark.protocol.backups.RestorePointView;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Home › Backups: the VMs' restore points. Listed from {@link ApiPaths#RESTORE_POINTS} and shown as a
 * tree (job → VM → restore points) by {@link BackupsView}; the table definition is what the ribbon's
 * Refresh and Properties act on. A session ending is what makes new restore points, so sessions'
 * changes reload it, and jobs' changes for their names.
 */
public final class Backups {
    private Backups() {
    }

    public static TableDefinition<RestorePointView> definition() {
        return TableDefinition.of("Backups", "restore point", ApiPaths.RESTORE_POINTS, RestorePointView.class,
                List.of(ApiPaths.SESSIONS, ApiPaths.JOBS),
                List.of(Column.of("VM", 200, RestorePointView::vmName),
                        Column.of("Job", 200, RestorePointView::jobName),
                        Column.formatted("Created", 160, RestorePointView::createdAt, Formats::instant),
                        Column.formatted("Size", 100, RestorePointView::sizeBytes, Formats::bytes),
                        Column.of("Repository", 200, RestorePointView::repositoryName),
                        Column.formatted("Health", 100, RestorePointView::health, Formats::label)),
                Backups::details, false);
    }

    static List<Detail> details(RestorePointView point) {
        return List.of(
                new Detail("VM", point.vmName()),
                new Detail("Job", Formats.text(point.jobName())),
                new Detail("Created", Formats.instant(point.createdAt())),
                new Detail("Disks", point.disks().stream()
                        .map(disk -> disk.name() + " (" + Formats.bytes(disk.capacityBytes()) + ", "
                                + Formats.label(disk.format()) + ")")
                        .collect(Collectors.joining(", "))),
                new Detail("Size", Formats.bytes(point.sizeBytes())),
                new Detail("Repository", Formats.text(point.repositoryName())),
                new Detail("Folder", point.folder() == null ? "The repository's own"
                        : point.folder() + " (the job's own, sealed with its password)"),
                new Detail("Health", Formats.label(point.health())),
                new Detail("Last checked", point.checkedAt() == null ? "Never" : Formats.instant(point.checkedAt())),
                new Detail("Source images", point.disks().stream().map(RestorePointDisk::path)
                        .collect(Collectors.joining(", "))),
                new Detail("Restore point", point.id().toString()));
    }
}
