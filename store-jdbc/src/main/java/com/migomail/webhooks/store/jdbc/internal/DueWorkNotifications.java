package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.DueWorkSubscription;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL {@code LISTEN}/{@code NOTIFY} on one channel per table prefix ({@code <prefix>due_work}):
 * writes that leave work claimable by any node add a {@code pg_notify} to their own transaction
 * (PostgreSQL delivers it at commit and drops it on rollback; a one-statement append has it in that
 * statement), and one listener thread per store,
 * on a connection of its own, wakes the subscribed senders when a notification arrives.
 *
 * <p>A hint only: after the listening connection is lost the thread reconnects with a growing pause
 * (up to {@link #MAX_PAUSE_MILLIS}) and wakes every subscriber once it listens again, since what was
 * committed meanwhile went unheard. The thread runs while anyone is subscribed. Thread-safe.
 */
final class DueWorkNotifications {

    private static final Logger LOG = LoggerFactory.getLogger(DueWorkNotifications.class);
    /** How long one wait for notifications lasts: the most a close waits for the thread to see it. */
    private static final int WAIT_MILLIS = 250;
    private static final long MAX_PAUSE_MILLIS = 30_000;

    private final DataSource listenSource;
    private final String channel;
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private Thread listener;

    /**
     * @param listenSource where the listening connection comes from; it is held while anyone
     *     listens, so a pooler in transaction mode (which does not keep a session's LISTEN) must not
     *     be in front of it
     * @param prefix the table prefix: stores with other prefixes in the database are not woken
     */
    DueWorkNotifications(DataSource listenSource, String prefix) {
        this.listenSource = Objects.requireNonNull(listenSource, "listenSource cannot be null");
        this.channel = prefix + "due_work";
    }

    /** The channel name, a plain identifier (the prefix is validated by the builder). */
    String channel() {
        return channel;
    }

    /** Adds a notification to the connection's transaction (or, in auto-commit, sends it now). */
    void notifyIn(Connection connection) throws SQLException {
        new Sql("SELECT pg_notify(?, '')", channel).query(connection, rows -> null);
    }

    /** Subscribes; starts the listener thread if it is not running. */
    DueWorkSubscription subscribe(Runnable wakeUp) {
        Objects.requireNonNull(wakeUp, "wakeUp cannot be null");
        // A wrapper of its own, so that one Runnable subscribed twice is removed once per close.
        Runnable subscriber = wakeUp::run;
        synchronized (lock) {
            subscribers.add(subscriber);
            if (listener == null) {
                listener = new Thread(this::listen, "migomail-webhooks-" + channel);
                listener.setDaemon(true);
                listener.start();
            }
        }
        return () -> {
            synchronized (lock) {
                subscribers.remove(subscriber);
                lock.notifyAll(); // ends a pause before reconnecting at once
            }
        };
    }

    /** Whether the thread should go on: it ends (clearing {@link #listener}) once nobody listens. */
    private boolean wanted() {
        synchronized (lock) {
            if (subscribers.isEmpty()) {
                listener = null;
                return false;
            }
            return true;
        }
    }

    private void listen() {
        long pause = 100;
        boolean lost = false;
        while (wanted()) {
            try (Connection connection = listenSource.getConnection()) {
                connection.setAutoCommit(true);
                Notifications postgres = Notifications.of(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                if (lost) {
                    LOG.info("listening for due work on {} again", channel);
                }
                pause = 100;
                lost = false;
                wakeAll(); // what was committed before the LISTEN took effect went unheard
                while (wanted()) {
                    if (postgres.await(WAIT_MILLIS)) {
                        wakeAll();
                    }
                }
                // The connection goes back to a pool: it must not go on collecting notifications.
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN " + channel);
                }
            } catch (SQLException | RuntimeException e) {
                if (!lost) {
                    LOG.warn("listening for due work on {} failed; polling goes on, and listening is retried", channel, e);
                }
                lost = true;
                if (!pauseFor(pause)) {
                    return;
                }
                pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            }
        }
    }

    /** Waits before reconnecting, ending early once nobody listens; false if the thread should end. */
    private boolean pauseFor(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        synchronized (lock) {
            for (long left = millis; left > 0 && !subscribers.isEmpty();
                    left = (until - System.nanoTime()) / 1_000_000) {
                try {
                    lock.wait(left); // a close notifies, ending the pause early
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    listener = null;
                    return false;
                }
            }
        }
        return true;
    }

    private void wakeAll() {
        for (Runnable subscriber : subscribers) {
            try {
                subscriber.run();
            } catch (RuntimeException e) {
                LOG.warn("a due-work wake-up threw; ignored", e);
            }
        }
    }

    /**
     * The PostgreSQL driver's {@code PGConnection.getNotifications(int)}, called reflectively: the
     * driver is an optional dependency, and this module may not read it (a driver on the class path
     * is in the unnamed module, which reflection reaches and a compiled reference would not).
     */
    private record Notifications(Object connection, Method getNotifications) {

        static Notifications of(Connection connection) throws SQLException {
            Class<?> type;
            try {
                type = Class.forName("org.postgresql.PGConnection", false, connection.getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new SQLException("dueWorkNotifications needs the PostgreSQL driver (org.postgresql:postgresql)", e);
            }
            try {
                return new Notifications(connection.unwrap(type), type.getMethod("getNotifications", int.class));
            } catch (NoSuchMethodException e) {
                throw new SQLException("the PostgreSQL driver is older than 42.2 (no getNotifications(int))", e);
            }
        }

        /** Waits up to {@code millis} for notifications; true if any arrived. */
        boolean await(int millis) throws SQLException {
            try {
                Object received = getNotifications.invoke(connection, millis);
                return received != null && Array.getLength(received) > 0;
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException failure) {
                    throw failure;
                }
                throw new SQLException("reading notifications failed", e.getCause());
            } catch (IllegalAccessException e) {
                throw new SQLException("reading notifications failed", e);
            }
        }
    }
}
