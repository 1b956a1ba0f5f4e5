package io.bulwark.console.backups;

import io.bulwark.console.table.EntityTableViewModel;
import io.bulwark.console.table.RowAction;
import io.bulwark.protocol.backups.BackupHealth;
import io.bulwark.protocol.backups.RestorePointView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Backups view: the restore points the table model loads, as a tree of jobs, their VMs and the
 * VMs' restore points, newest first. The line chosen in the tree is also the table model's selected
 * restore point (a VM's newest for a VM), so the ribbon's Properties and Restore… act on it.
 */
public final class BackupsViewModel {
    private final EntityTableViewModel<RestorePointView> table;
    private final BiConsumer<String, UUID> restore;
    private final ReadOnlyObjectWrapper<List<BackupNode>> jobs = new ReadOnlyObjectWrapper<>(List.of());
    private final ObjectProperty<BackupNode> selected = new SimpleObjectProperty<>();
    private final ObservableValue<String> placeholder;

    /**
     * @param restore opens the Restore wizard on a VM reference and a restore point (null: the VM's newest)
     */
    public BackupsViewModel(EntityTableViewModel<RestorePointView> table, BiConsumer<String, UUID> restore) {
        this.table = table;
        this.restore = restore;
        this.placeholder = table.placeholderProperty().map(text -> text.equals("No backups yet.")
                ? "No backups yet. Run a backup job: its restore points show here." : text);
        table.rows().addListener((ListChangeListener<RestorePointView>) change -> rebuild());
        selected.subscribe(node -> table.selectedProperty().set(node == null ? null : node.point()));
        // A reload puts back the restore point that was selected; a VM stands for its newest, maybe a new one.
        table.loadingProperty().addListener((observable, was, loading) -> {
            if (!loading && selected.get() != null) {
                table.selectedProperty().set(selected.get().point());
            }
        });
        table.setActions(List.of(RowAction.onRow("action-restore", "Restore…", Material2MZ.RESTORE,
                point -> true, point -> restoreSelected())));
        rebuild();
    }

    private void rebuild() {
        List<BackupNode> tree = tree(table.rows());
        String chosen = selected.get() == null ? null : selected.get().key();
        jobs.set(tree);
        selected.set(chosen == null ? null : find(tree, chosen).orElse(null));
    }

    /** Job → VM → restore points; jobs and VMs by name, restore points newest first. */
    static List<BackupNode> tree(List<RestorePointView> points) {
        Map<String, List<RestorePointView>> byJob = new LinkedHashMap<>();
        for (RestorePointView point : points) {
            // A deleted job's restore points keep its name; they stay together under it.
            String job = point.jobId() != null ? point.jobId().toString() : "deleted:" + point.jobName();
            byJob.computeIfAbsent(job, key -> new ArrayList<>()).add(point);
        }
        return byJob.entrySet().stream().map(entry -> job(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(BackupNode::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private static BackupNode job(String key, List<RestorePointView> points) {
        Map<String, List<RestorePointView>> byVm = new LinkedHashMap<>();
        points.forEach(point -> byVm.computeIfAbsent(point.vmReference(), ref -> new ArrayList<>()).add(point));
        List<BackupNode> vms = byVm.entrySet().stream().map(entry -> vm("job:" + key, entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(BackupNode::name, String.CASE_INSENSITIVE_ORDER)).toList();
        BackupNode newestVm = vms.stream().max(Comparator.comparing(BackupNode::created)).orElseThrow();
        return new BackupNode(BackupNode.Kind.JOB, "job:" + key, Objects.requireNonNullElse(newestVm.point().jobName(),
                "(deleted job)"), newestVm.created(), points.size(), vms.stream().mapToLong(BackupNode::sizeBytes).sum(),
                newestVm.repository(), worst(vms.stream().map(BackupNode::health)), null, null, vms);
    }

    private static BackupNode vm(String jobKey, String reference, List<RestorePointView> points) {
        List<BackupNode> children = points.stream()
                .sorted(Comparator.comparing(RestorePointView::createdAt).reversed())
                .map(point -> new BackupNode(BackupNode.Kind.POINT, "point:" + point.id(), "Restore point",
                        point.createdAt(), 1, point.sizeBytes(), point.repositoryName(), point.health(), point,
                        reference, List.of()))
                .toList();
        RestorePointView newest = children.getFirst().point();
        return new BackupNode(BackupNode.Kind.VM, jobKey + "/vm:" + reference, newest.vmName(), newest.createdAt(),
                children.size(), newest.sizeBytes(), newest.repositoryName(),
                worst(points.stream().map(RestorePointView::health)), newest, reference, children);
    }

    /** What an admin must hear of first: a damaged point, then one nobody checked yet. */
    static BackupHealth worst(Stream<BackupHealth> healths) {
        List<BackupHealth> all = healths.map(health -> health == null ? BackupHealth.UNVERIFIED : health).toList();
        if (all.contains(BackupHealth.DAMAGED)) {
            return BackupHealth.DAMAGED;
        }
        return all.contains(BackupHealth.UNVERIFIED) ? BackupHealth.UNVERIFIED : BackupHealth.HEALTHY;
    }

    static Optional<BackupNode> find(List<BackupNode> nodes, String key) {
        for (BackupNode node : nodes) {
            if (node.key().equals(key)) {
                return Optional.of(node);
            }
            Optional<BackupNode> below = find(node.children(), key);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    /** Restore…: the wizard on the chosen VM (from its newest restore point) or restore point. */
    public void restoreSelected() {
        BackupNode node = selected.get();
        if (node == null || node.kind() == BackupNode.Kind.JOB) {
            return;
        }
        restore.accept(node.vmReference(), node.kind() == BackupNode.Kind.POINT ? node.point().id() : null);
    }

    public void showProperties() {
        table.showProperties();
    }

    /** The jobs with backups, each with its VMs and their restore points. */
    public ReadOnlyObjectProperty<List<BackupNode>> jobsProperty() {
        return jobs.getReadOnlyProperty();
    }

    public ObjectProperty<BackupNode> selectedProperty() {
        return selected;
    }

    /** What the tree says while it has no lines: loading, none yet, or why it cannot load. */
    public ObservableValue<String> placeholderProperty() {
        return placeholder;
    }
}
