package com.migomail.webhooks.store.jdbc.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections to an embedded H2 file database, through {@link DriverManager} so that H2 stays an
 * optional dependency. Opening an embedded connection is cheap while the database is open; one
 * connection is kept open from first use until {@link #close()} so that H2 does not close and
 * reopen the file between operations. Thread-safe.
 *
 * <p>The database is opened with {@value #DURABLE_SETTINGS}: H2's default write delay (500 ms) lets
 * a background thread write commits to the file later, so a process killed within that window loses
 * commits it had acknowledged. With no delay, H2's MVStore writes each commit's chunk to the file in
 * the committing thread before the commit returns, and starts no background writer; what is written
 * then survives the death of the process (the operating system holds it), though not a power loss,
 * since H2 does not {@code fsync} each commit. H2's other settings keep their defaults on purpose:
 * {@code RETENTION_TIME} (45 s) keeps replaced chunks until the file system has surely written their
 * successors, which is what keeps the file readable after a power loss, and {@code FILE_LOCK=FILE}
 * keeps a second process out.
 *
 * <p>Where the file system has POSIX permissions, the files are created owner-only before H2 opens
 * them: the database file and H2's trace file (its error log) with {@code rw-------}, and the
 * directory, if it does not exist yet, with {@code rwx------} (so that H2's temporary files in it are
 * private too). H2 keeps the permissions of a file it finds. Existing files and directories are left
 * as they are.
 */
public final class H2FileDataSource implements DataSource, AutoCloseable {

    /** The settings appended to every URL; see the class comment. */
    public static final String DURABLE_SETTINGS = ";WRITE_DELAY=0";

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final String url;
    private final Path base;
    private Connection keeper;
    private boolean closed;

    private H2FileDataSource(String url, Path base) {
        this.url = url;
        this.base = base;
    }

    /**
     * A data source for the database named by {@code file} ({@code <file>.mv.db}).
     *
     * @param file the database file, with or without the {@code .mv.db} suffix; resolved against the
     *     working directory if relative
     * @return a data source with {@value #DURABLE_SETTINGS}; it opens no connection yet
     * @throws IllegalArgumentException if the path holds a {@code ;}, which H2 would read as the
     *     start of settings in the URL
     * @throws IllegalStateException if no H2 driver is available
     */
    public static H2FileDataSource forFile(Path file) {
        String name = file.toAbsolutePath().normalize().toString();
        if (name.indexOf(';') >= 0) {
            throw new IllegalArgumentException("the H2 file path cannot contain ';' (H2 reads what follows as"
                    + " settings of the database URL): " + name);
        }
        if (name.endsWith(".mv.db")) {
            name = name.substring(0, name.length() - ".mv.db".length());
        }
        String url = "jdbc:h2:file:" + name + DURABLE_SETTINGS;
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalStateException("no H2 driver available for " + url + ": add com.h2database:h2", e);
        }
        return new H2FileDataSource(url, Path.of(name));
    }

    /**
     * The JDBC URL.
     *
     * @return the {@code jdbc:h2:file:} URL of the database, ending in {@value #DURABLE_SETTINGS}
     */
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
            createOwnerOnly();
            keeper = DriverManager.getConnection(url);
        }
    }

    /** See the class comment; the files hold endpoint secrets (encrypted or not) and the event log. */
    private void createOwnerOnly() throws SQLException {
        if (!base.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Path directory = base.getParent();
            if (directory != null && !Files.isDirectory(directory)) {
                Files.createDirectories(directory, asAttribute(OWNER_DIRECTORY));
            }
            for (String suffix : List.of(".mv.db", ".trace.db")) {
                try {
                    Files.createFile(Path.of(base + suffix), asAttribute(OWNER_FILE));
                } catch (FileAlreadyExistsException e) {
                    // An existing database keeps the permissions its owner gave it.
                }
            }
        } catch (IOException e) {
            throw new SQLException("cannot create the H2 database owner-only: " + e, e);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
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
