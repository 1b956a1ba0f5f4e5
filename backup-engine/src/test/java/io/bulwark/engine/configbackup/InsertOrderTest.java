package io.bulwark.engine.configbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.configbackup.InsertOrder.ForeignKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InsertOrderTest {
    private static ForeignKey key(String table, String column, String referenced, String referencedColumn) {
        return new ForeignKey(table, List.of(column), referenced, List.of(referencedColumn));
    }

    @Test
    void referencedTablesComeFirstAndTiesAreInNameOrder() {
        // The engine's own shape: restore points need jobs and repositories, which need servers.
        List<ForeignKey> keys = List.of(
                key("restore_points", "job_id", "jobs", "id"),
                key("restore_points", "repository_id", "backup_repositories", "id"),
                key("jobs", "repository_id", "backup_repositories", "id"),
                key("backup_repositories", "server_id", "managed_servers", "id"),
                key("managed_servers", "credential_id", "credentials", "id"),
                key("audit_log", "x", "not_backed_up", "id"));

        List<String> order = InsertOrder.tables(Set.of("restore_points", "jobs", "backup_repositories",
                "managed_servers", "credentials", "users", "audit_log"), keys);

        assertThat(order).containsExactly("audit_log", "credentials", "managed_servers", "backup_repositories", "jobs",
                "restore_points", "users");
    }

    @Test
    void aCycleBetweenTablesIsRefusedNamingThem() {
        assertThatThrownBy(() -> InsertOrder.tables(Set.of("a", "b", "c"),
                List.of(key("a", "b_id", "b", "id"), key("b", "a_id", "a", "id"))))
                .isInstanceOf(ConfigurationBackupException.class).hasMessageContaining("[a, b]");
    }

    @Test
    void aSelfReferenceOrdersRowsParentsFirstAndKeepsTheRestInPlace() {
        List<String> columns = List.of("id", "name", "parent_id");
        List<List<Object>> rows = List.of(
                Arrays.asList(3, "grandchild", 2),
                Arrays.asList(5, "alone", null),
                Arrays.asList(2, "child", 1),
                Arrays.asList(1, "root", null),
                Arrays.asList(4, "sibling", 1));
        List<ForeignKey> keys = List.of(key("folders", "parent_id", "folders", "id"));

        List<List<Object>> ordered = InsertOrder.rows("folders", columns, rows, keys);

        assertThat(ordered).extracting(r -> r.get(1))
                .containsExactly("root", "child", "grandchild", "alone", "sibling");
        assertThat(InsertOrder.tables(Set.of("folders"), keys)).containsExactly("folders");
    }

    @Test
    void aLongChainOfSelfReferencesDoesNotOverflow() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 100_000; i >= 1; i--) {
            rows.add(Arrays.asList(i, i == 1 ? null : i - 1));
        }
        List<List<Object>> ordered = InsertOrder.rows("t", List.of("id", "parent"), rows,
                List.of(key("t", "parent", "t", "id")));
        assertThat(ordered.getFirst().getFirst()).isEqualTo(1);
        assertThat(ordered.getLast().getFirst()).isEqualTo(100_000);
    }

    @Test
    void rowsReferencingEachOtherInACycleAreRefused() {
        List<List<Object>> rows = List.of(Arrays.asList(1, 2), Arrays.asList(2, 1));
        assertThatThrownBy(() -> InsertOrder.rows("t", List.of("id", "other"), rows,
                List.of(key("t", "other", "t", "id"))))
                .isInstanceOf(ConfigurationBackupException.class).hasMessageContaining("cycle");
    }

    @Test
    void aCompositeSelfReferenceMatchesOnAllItsColumns() {
        List<String> columns = List.of("tenant", "id", "parent_tenant", "parent_id");
        List<List<Object>> rows = List.of(
                Arrays.asList("b", 1, "a", 1),
                Arrays.asList("a", 1, null, null),
                Arrays.asList("b", 2, "b", 1));
        List<List<Object>> ordered = InsertOrder.rows("t", columns, rows, List.of(new ForeignKey("t",
                List.of("parent_tenant", "parent_id"), "t", List.of("tenant", "id"))));
        assertThat(ordered).containsExactly(rows.get(1), rows.get(0), rows.get(2));
    }
}
