package com.migomail.webhooks.store.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A data source that passes everything through to a real one and records each prepared statement
 * the store executes, with its parameters, so that a test can ask the database how it plans
 * exactly those statements. Thread-safe.
 */
final class RecordingDataSource {

    /** A statement as the store ran it; array parameters are kept as their elements and type. */
    record Executed(String sql, Map<Integer, Object> parameters) {

        /** Prepares {@code prefix + sql} on the connection with the same parameters bound. */
        PreparedStatement prepare(Connection connection, String prefix) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(prefix + sql);
            for (Map.Entry<Integer, Object> parameter : parameters.entrySet()) {
                Object value = parameter.getValue();
                if (value instanceof ArrayOf array) {
                    statement.setArray(parameter.getKey(), connection.createArrayOf(array.type(), array.elements()));
                } else if (value instanceof NullOf typed) {
                    statement.setNull(parameter.getKey(), typed.sqlType());
                } else {
                    statement.setObject(parameter.getKey(), value);
                }
            }
            return statement;
        }
    }

    private record NullOf(int sqlType) {
    }

    /** An array parameter: its elements and their SQL type, as the store created it. */
    private record ArrayOf(String type, Object[] elements) {
    }

    /** A parameter as a reader of the plans wants to see it. */
    static String show(Object parameter) {
        if (parameter instanceof ArrayOf array) {
            return java.util.Arrays.toString(array.elements());
        }
        return parameter instanceof NullOf ? "NULL" : String.valueOf(parameter);
    }

    private final DataSource target;
    private final List<Executed> executed = Collections.synchronizedList(new ArrayList<>());

    RecordingDataSource(DataSource target) {
        this.target = target;
    }

    /** The recording data source to hand to the store. */
    DataSource dataSource() {
        return proxy(DataSource.class, target, (method, args, result) ->
                method.getName().equals("getConnection") ? connection((Connection) result) : result);
    }

    /** The statements executed since the last call, oldest first; clears the record. */
    List<Executed> take() {
        synchronized (executed) {
            List<Executed> taken = List.copyOf(executed);
            executed.clear();
            return taken;
        }
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (method, args, result) ->
                method.getName().equals("prepareStatement") ? statement((PreparedStatement) result, (String) args[0])
                        : result);
    }

    private PreparedStatement statement(PreparedStatement statement, String sql) {
        Map<Integer, Object> parameters = new TreeMap<>();
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                        parameters.put(index, parameter(name, args[1]));
                    } else if (name.startsWith("execute") && (args == null || args.length == 0)) {
                        executed.add(new Executed(sql, new TreeMap<>(parameters)));
                    }
                    return invoke(method, statement, args);
                });
    }

    private static Object parameter(String setter, Object value) throws SQLException {
        if (setter.equals("setNull")) {
            return new NullOf((Integer) value);
        }
        return value instanceof Array array ? new ArrayOf(array.getBaseTypeName(), (Object[]) array.getArray()) : value;
    }

    @FunctionalInterface
    private interface Wrap {
        Object apply(Method method, Object[] args, Object result) throws Throwable;
    }

    private <T> T proxy(Class<T> type, T target, Wrap wrap) {
        InvocationHandler handler = (proxy, method, args) -> wrap.apply(method, args, invoke(method, target, args));
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
