package io.bulwark.engine.trafficrules;

import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.trafficrules.TrafficSettings;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The global traffic settings, kept as one row of {@code engine_settings}. */
public class TrafficSettingsStore {
    private static final String NAME = "traffic";

    private final JdbcClient jdbc;

    public TrafficSettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public TrafficSettings get() {
        return jdbc.sql("SELECT setting_value FROM engine_settings WHERE name = ?").param(NAME)
                .query(String.class).optional()
                .map(json -> Columns.json(json, TrafficSettings.class))
                .orElse(TrafficSettings.DEFAULTS);
    }

    public void put(TrafficSettings settings) {
        String json = Columns.json(settings);
        if (jdbc.sql("UPDATE engine_settings SET setting_value = ? WHERE name = ?").params(json, NAME).update() == 0) {
            jdbc.sql("INSERT INTO engine_settings (name, setting_value) VALUES (?, ?)").params(NAME, json).update();
        }
    }
}
