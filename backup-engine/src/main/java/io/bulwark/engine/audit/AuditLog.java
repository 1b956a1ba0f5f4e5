package io.bulwark.engine.audit;

import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.audit.AuditEntry;
import io.bulwark.protocol.events.ChangeAction;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who changed what: one line per change, written in the same transaction as the change itself. */
public class AuditLog {
    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void append(String actor, ChangeAction action, String collection, UUID entityId, String entityName) {
        jdbc.sql("""
                INSERT INTO audit_log (at, actor, action, collection, entity_id, entity_name)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(Columns.timestamp(clock.instant()), actor, action.name(), collection, entityId,
                        entityName == null ? null : truncate(entityName, 255))
                .update();
    }

    /** The newest entries first. */
    public List<AuditEntry> newest(int limit) {
        return jdbc.sql("SELECT * FROM audit_log ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
                .param(limit)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), Columns.instant(rs, "at"), rs.getString("actor"),
                        ChangeAction.valueOf(rs.getString("action")), rs.getString("collection"),
                        Columns.uuid(rs, "entity_id"), rs.getString("entity_name")))
                .list();
    }

    private static String truncate(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max));
    }
}
