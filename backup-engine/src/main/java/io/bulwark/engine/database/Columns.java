package io.bulwark.engine.database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.bulwark.protocol.ApiJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

/**
 * Conversions between Java values and the column types both databases share: timestamps as
 * {@code TIMESTAMP WITH TIME ZONE}, documents as JSON text, names with a case-folded key for
 * case-insensitive uniqueness.
 */
public final class Columns {
    private Columns() {
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** The key that makes "Proxy A" and "proxy a" the same name. */
    public static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public static String json(Object document) {
        try {
            return ApiJson.mapper().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + document.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T json(String text, Class<T> type) {
        try {
            return text == null ? null : ApiJson.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored " + type.getSimpleName() + " is not valid JSON", e);
        }
    }

    public static <T> T json(String text, TypeReference<T> type) {
        try {
            return text == null ? null : ApiJson.mapper().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored document is not valid JSON", e);
        }
    }
}
