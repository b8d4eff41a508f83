package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.jdbc.Dialect;
import com.migomail.webhooks.store.jdbc.NonDurableDatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Refuses a database whose commits are acknowledged before they are written. On H2 that is a write
 * delay above zero: H2 then writes commits from a background thread up to that long after it
 * acknowledged them. (An in-memory H2 database reports no delay; it keeps nothing across a restart
 * in any case.) PostgreSQL is not checked: {@code synchronous_commit=off} still survives the death of
 * a sender, which is what the store promises; the README says what it costs on a database crash.
 */
final class DurabilityCheck {

    private DurabilityCheck() {
    }

    static Void check(Connection connection, Dialect dialect) throws SQLException {
        if (dialect == Dialect.H2) {
            String delay = h2Setting(connection, "WRITE_DELAY");
            if (delay != null && !delay.trim().equals("0")) {
                // H2 reports a whole number of milliseconds; anything but 0 delays the write.
                throw new NonDurableDatabaseException("WRITE_DELAY", delay.trim(),
                        "add ;WRITE_DELAY=0 to the H2 URL (or run SET WRITE_DELAY 0),"
                                + " or use JdbcWebhookStore.builder().h2File(file)");
            }
        }
        return null;
    }

    private static String h2Setting(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
