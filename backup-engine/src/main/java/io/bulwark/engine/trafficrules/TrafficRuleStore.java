package io.bulwark.engine.trafficrules;

import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.ThrottleUnit;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code traffic_rules} table. */
public class TrafficRuleStore {
    private final JdbcClient jdbc;

    public TrafficRuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<TrafficRuleView> list() {
        return jdbc.sql("SELECT * FROM traffic_rules ORDER BY name_key").query(TrafficRuleStore::map).list();
    }

    public Optional<TrafficRuleView> find(UUID id) {
        return jdbc.sql("SELECT * FROM traffic_rules WHERE id = ?").param(id).query(TrafficRuleStore::map).optional();
    }

    public void insert(TrafficRuleView r) {
        jdbc.sql("""
                INSERT INTO traffic_rules (id, name, name_key, source_range, target_range, encrypt, throttle_enabled,
                    throttle_value, throttle_unit, schedule, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.name(), Columns.nameKey(r.name()), r.sourceRange(), r.targetRange(), r.encrypt(),
                        r.throttle().enabled(), r.throttle().value(),
                        r.throttle().unit() == null ? null : r.throttle().unit().name(), Columns.json(r.schedule()),
                        Columns.timestamp(r.createdAt()), Columns.timestamp(r.updatedAt()))
                .update();
    }

    public void update(TrafficRuleView r) {
        jdbc.sql("""
                UPDATE traffic_rules SET name = ?, name_key = ?, source_range = ?, target_range = ?, encrypt = ?,
                    throttle_enabled = ?, throttle_value = ?, throttle_unit = ?, schedule = ?, updated_at = ?
                WHERE id = ?""")
                .params(r.name(), Columns.nameKey(r.name()), r.sourceRange(), r.targetRange(), r.encrypt(),
                        r.throttle().enabled(), r.throttle().value(),
                        r.throttle().unit() == null ? null : r.throttle().unit().name(), Columns.json(r.schedule()),
                        Columns.timestamp(r.updatedAt()), r.id())
                .update();
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM traffic_rules WHERE id = ?").param(id).update();
    }

    private static TrafficRuleView map(ResultSet rs, int row) throws SQLException {
        String unit = rs.getString("throttle_unit");
        int value = rs.getInt("throttle_value");
        Integer throttleValue = rs.wasNull() ? null : value;
        return new TrafficRuleView(Columns.uuid(rs, "id"), rs.getString("name"), rs.getString("source_range"),
                rs.getString("target_range"), rs.getBoolean("encrypt"),
                new Throttle(rs.getBoolean("throttle_enabled"), throttleValue, unit == null ? null : ThrottleUnit.valueOf(unit)),
                Columns.json(rs.getString("schedule"), TrafficSchedule.class),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
