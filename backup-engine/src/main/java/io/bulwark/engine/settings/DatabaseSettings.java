package io.bulwark.engine.settings;

/**
 * The configuration database's JDBC URL and login. The password never appears in
 * {@link #toString()}, so these settings can be logged.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    public boolean isPostgreSql() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    public String productName() {
        return isPostgreSql() ? "PostgreSQL" : "H2 (embedded)";
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=(hidden)]";
    }
}
