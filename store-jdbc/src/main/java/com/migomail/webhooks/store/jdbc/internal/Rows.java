package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Column lists and the mapping of rows to the SPI's records. */
final class Rows {

    static final String EVENT_COLUMNS = "id, tenant_id, event_type, ts, stored_at, body, subscriber_key,"
            + " trace_context";

    static final String DELIVERY_COLUMNS = "id, tenant_id, event_id, endpoint_id, status, attempt_count,"
            + " next_attempt_at, replay, lease_owner, lease_expires_at, created_at, updated_at";

    static final String ATTEMPT_COLUMNS = "delivery_id, attempt_number, started_at, latency_nanos, status_code,"
            + " error_class, error_message, response_excerpt";

    private Rows() {
    }

    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    /** A column list with every column qualified by a table alias ({@code "e."}). */
    static String prefixed(String alias, String columns) {
        return alias + columns.replace(", ", ", " + alias);
    }

    static <T> List<T> all(ResultSet rows, Mapper<T> mapper) throws SQLException {
        List<T> items = new ArrayList<>();
        while (rows.next()) {
            items.add(mapper.map(rows));
        }
        return items;
    }

    static StoredEvent event(ResultSet rows) throws SQLException {
        return new StoredEvent(
                rows.getString("id"),
                tenant(rows),
                rows.getString("event_type"),
                Times.instant(rows, "ts"),
                Times.instant(rows, "stored_at"),
                rows.getString("body"),
                rows.getString("subscriber_key"),
                EndpointCodec.traceContext(rows.getString("trace_context")));
    }

    static Delivery delivery(ResultSet rows) throws SQLException {
        return new Delivery(
                rows.getString("id"),
                tenant(rows),
                rows.getString("event_id"),
                rows.getString("endpoint_id"),
                DeliveryStatus.valueOf(rows.getString("status")),
                rows.getInt("attempt_count"),
                Times.instant(rows, "next_attempt_at"),
                rows.getBoolean("replay"),
                rows.getString("lease_owner"),
                Times.instant(rows, "lease_expires_at"),
                Times.instant(rows, "created_at"),
                Times.instant(rows, "updated_at"));
    }

    static TenantId tenant(ResultSet rows) throws SQLException {
        return TenantId.of(rows.getString("tenant_id"));
    }

    static DeliveryAttempt attempt(ResultSet rows) throws SQLException {
        int statusCode = rows.getInt("status_code");
        Integer status = rows.wasNull() ? null : statusCode;
        return new DeliveryAttempt(
                rows.getString("delivery_id"),
                rows.getInt("attempt_number"),
                Times.instant(rows, "started_at"),
                Duration.ofNanos(rows.getLong("latency_nanos")),
                status,
                rows.getString("error_class"),
                rows.getString("error_message"),
                rows.getString("response_excerpt"));
    }
}
