package com.migomail.webhooks.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a connection that may fail with an {@link SQLException}. */
@FunctionalInterface
interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
