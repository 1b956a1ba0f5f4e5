package io.bulwark.engine.configbackup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order rows must be inserted in so that every foreign key finds the row it references:
 * tables after the tables they reference, and within a table that references itself, rows after
 * the rows they reference.
 */
final class InsertOrder {
    private InsertOrder() {
    }

    /**
     * A foreign key: {@code columns} of {@code table} reference {@code referencedColumns} of
     * {@code referencedTable}, in the same order.
     */
    record ForeignKey(String table, List<String> columns, String referencedTable, List<String> referencedColumns) {
        boolean selfReference() {
            return table.equals(referencedTable);
        }
    }

    /**
     * The tables, referenced ones first; ties in name order, so the same schema always gives the
     * same order. A reference to a table outside {@code tables} is ignored.
     *
     * @throws ConfigurationBackupException when tables reference each other in a cycle (no order inserts them)
     */
    static List<String> tables(Set<String> tables, List<ForeignKey> keys) {
        Map<String, Set<String>> needs = new HashMap<>();
        tables.forEach(t -> needs.put(t, new TreeSet<>()));
        for (ForeignKey key : keys) {
            if (!key.selfReference() && tables.contains(key.table()) && tables.contains(key.referencedTable())) {
                needs.get(key.table()).add(key.referencedTable());
            }
        }
        List<String> order = new ArrayList<>();
        TreeSet<String> ready = new TreeSet<>();
        needs.forEach((table, referenced) -> {
            if (referenced.isEmpty()) {
                ready.add(table);
            }
        });
        while (!ready.isEmpty()) {
            String next = ready.pollFirst();
            order.add(next);
            needs.forEach((table, referenced) -> {
                if (referenced.remove(next) && referenced.isEmpty()) {
                    ready.add(table);
                }
            });
        }
        if (order.size() < tables.size()) {
            Set<String> left = new TreeSet<>(tables);
            order.forEach(left::remove);
            throw new ConfigurationBackupException("The tables " + left + " reference each other in a cycle, so no "
                    + "insert order satisfies their foreign keys. Configuration backups do not handle such a schema.");
        }
        return order;
    }

    /**
     * The rows of a table ordered so that each row comes after the row it references through the
     * table's self-references ({@code keys} of this table onto itself); other rows keep their order.
     *
     * @param columns the table's column names, in the order of the rows' values
     * @throws ConfigurationBackupException when rows reference each other in a cycle
     */
    static List<List<Object>> rows(String table, List<String> columns, List<List<Object>> rows, List<ForeignKey> keys) {
        List<ForeignKey> self = keys.stream().filter(k -> k.table().equals(table) && k.selfReference()).toList();
        if (self.isEmpty() || rows.size() < 2) {
            return rows;
        }
        // For each self-reference: which row holds each referenced key.
        List<Map<List<Object>, Integer>> holders = new ArrayList<>();
        for (ForeignKey key : self) {
            Map<List<Object>, Integer> byKey = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                byKey.put(values(rows.get(i), columns, key.referencedColumns()), i);
            }
            holders.add(byKey);
        }
        Map<Integer, Set<Integer>> parents = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Set<Integer> mine = new LinkedHashSet<>();
            for (int k = 0; k < self.size(); k++) {
                List<Object> reference = values(rows.get(i), columns, self.get(k).columns());
                if (reference.stream().allMatch(v -> v != null)) {
                    Integer parent = holders.get(k).get(reference);
                    if (parent != null && parent != i) {
                        mine.add(parent);
                    }
                }
            }
            parents.put(i, mine);
        }
        List<List<Object>> ordered = new ArrayList<>(rows.size());
        int[] state = new int[rows.size()]; // 0 new, 1 on the path, 2 placed
        for (int i = 0; i < rows.size(); i++) {
            place(i, parents, state, rows, ordered, table);
        }
        return ordered;
    }

    private static void place(int row, Map<Integer, Set<Integer>> parents, int[] state, List<List<Object>> rows,
                              List<List<Object>> ordered, String table) {
        // Iterative depth-first walk, so a long chain of references cannot overflow the stack.
        // Each entry: the row, and the next of its parents to visit (-1 before its first visit).
        List<int[]> stack = new ArrayList<>();
        stack.add(new int[] {row, -1});
        while (!stack.isEmpty()) {
            int[] top = stack.getLast();
            int current = top[0];
            if (top[1] == -1) {
                if (state[current] == 2) {
                    stack.removeLast();
                    continue;
                }
                if (state[current] == 1) {
                    throw new ConfigurationBackupException("Rows of the table " + table + " reference each other in "
                            + "a cycle, so no insert order satisfies its foreign key.");
                }
                state[current] = 1;
                top[1] = 0;
            }
            List<Integer> mine = parents.get(current).stream().sorted(Comparator.naturalOrder()).toList();
            if (top[1] < mine.size()) {
                int parent = mine.get(top[1]++);
                if (state[parent] != 2) {
                    stack.add(new int[] {parent, -1});
                }
                continue;
            }
            state[current] = 2;
            ordered.add(rows.get(current));
            stack.removeLast();
        }
    }

    private static List<Object> values(List<Object> row, List<String> columns, List<String> wanted) {
        List<Object> values = new ArrayList<>(wanted.size());
        for (String column : wanted) {
            int index = columns.indexOf(column);
            if (index < 0) {
                throw new ConfigurationBackupException("A foreign key names the column " + column
                        + ", which the backup's rows do not have.");
            }
            values.add(row.get(index));
        }
        return values;
    }
}
