package com.migomail.webhooks.store.jdbc.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections to an embedded H2 file database, through {@link DriverManager} so that H2 stays an
 * optional dependency. Opening an embedded connection is cheap while the database is open; one
 * connection is kept open from first use until {@link #close()} so that H2 does not close and
 * reopen the file between operations. Thread-safe.
 */
public final class H2FileDataSource implements DataSource, AutoCloseable {

    private final String url;
    private Connection keeper;
    private boolean closed;

    private H2FileDataSource(String url) {
        this.url = url;
    }

    /**
     * A data source for the database named by {@code file} ({@code <file>.mv.db}).
     *
     * @throws IllegalStateException if no H2 driver is available
     */
    public static H2FileDataSource forFile(Path file) {
        String name = file.toAbsolutePath().normalize().toString();
        if (name.endsWith(".mv.db")) {
            name = name.substring(0, name.length() - ".mv.db".length());
        }
        String url = "jdbc:h2:file:" + name;
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalStateException("no H2 driver available for " + url + ": add com.h2database:h2", e);
        }
        return new H2FileDataSource(url);
    }

    /** The JDBC URL. */
    public String url() {
        return url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        keepOpen();
        return DriverManager.getConnection(url);
    }

    private synchronized void keepOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the H2 store was closed: " + url);
        }
        if (keeper == null) {
            keeper = DriverManager.getConnection(url);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials are not supported");
    }

    /** Closes the kept connection, which closes the database once no other connection is open. */
    @Override
    public synchronized void close() {
        closed = true;
        if (keeper != null) {
            try {
                keeper.close();
            } catch (SQLException e) {
                // Closing an embedded connection fails only if it is closed already.
            }
            keeper = null;
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager logging is global; not ours to set.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Embedded connections do not log in over a network.
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
