package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.jdbc.Dialect;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A statement assembled piece by piece with its parameters, and the few dialect differences. */
final class Sql {

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * The text while it is the one it started with: a statement kept as a constant is prepared with
     * that very string, whose hash the driver's statement cache then does not compute again.
     */
    private String fixed;
    private StringBuilder text;
    private final List<Object> params = new ArrayList<>();

    Sql(String start, Object... startParams) {
        fixed = start;
        params.addAll(java.util.Arrays.asList(startParams));
    }

    Sql add(String fragment, Object... fragmentParams) {
        if (!fragment.isEmpty()) {
            builder().append(fragment);
        }
        params.addAll(java.util.Arrays.asList(fragmentParams));
        return this;
    }

    /** Appends another statement's text and parameters (a subquery, say). */
    Sql add(Sql fragment) {
        builder().append(fragment.text());
        params.addAll(fragment.params);
        return this;
    }

    private StringBuilder builder() {
        if (text == null) {
            text = new StringBuilder(fixed);
            fixed = null;
        }
        return text;
    }

    private String text() {
        return fixed != null ? fixed : text.toString();
    }

    /** Wraps an UPDATE so that it returns the updated rows' columns. */
    static Sql returning(Dialect dialect, Sql update, String columns) {
        return dialect == Dialect.POSTGRESQL
                ? new Sql("").add(update).add(" RETURNING " + columns)
                : new Sql("SELECT " + columns + " FROM FINAL TABLE (").add(update).add(")");
    }

    <T> List<T> query(Connection connection, Rows.Mapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = prepare(connection); ResultSet rows = statement.executeQuery()) {
            return Rows.all(rows, mapper);
        }
    }

    int update(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection)) {
            return statement.executeUpdate();
        }
    }

    /**
     * Runs an INSERT that may collide with an existing primary key without disturbing the
     * transaction: PostgreSQL aborts a transaction on any error, so there the collision is avoided
     * with {@code ON CONFLICT DO NOTHING}; H2 rolls back just the failing statement.
     *
     * @return whether a row was inserted
     */
    boolean insertUnlessExists(Connection connection, Dialect dialect) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            return new Sql("").add(this).add(" ON CONFLICT (id) DO NOTHING").update(connection) == 1;
        }
        try {
            return update(connection) == 1;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text());
        try {
            for (int i = 0; i < params.size(); i++) {
                bind(connection, statement, i + 1, params.get(i));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, Object value)
            throws SQLException {
        if (value instanceof Null typedNull) {
            statement.setNull(index, typedNull.sqlType());
        } else if (value instanceof String string) {
            statement.setString(index, string);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof Boolean flag) {
            statement.setBoolean(index, flag);
        } else if (value instanceof TypedArray array) {
            statement.setArray(index, connection.createArrayOf(array.elementType(), array.values()));
        } else if (value instanceof Collection<?> strings) {
            Array array = connection.createArrayOf("VARCHAR", strings.toArray());
            statement.setArray(index, array);
        } else {
            throw new IllegalArgumentException("cannot bind " + value.getClass());
        }
    }

    /** A typed SQL NULL parameter. */
    record Null(int sqlType) {
        static final Null BIGINT = new Null(Types.BIGINT);
        static final Null VARCHAR = new Null(Types.VARCHAR);
        static final Null INTEGER = new Null(Types.INTEGER);
    }

    /**
     * An array parameter of a given element type (PostgreSQL's {@code unnest} of several of them
     * turns one statement into a batch of rows); elements may be {@code null}.
     */
    record TypedArray(String elementType, Object[] values) {
    }

    /** The value, or a typed NULL. */
    static Object nullable(Object value, Null ifNull) {
        return value == null ? ifNull : value;
    }

    @Override
    public String toString() {
        return text();
    }
}
