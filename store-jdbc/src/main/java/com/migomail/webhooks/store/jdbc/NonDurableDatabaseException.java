package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.store.StoreException;

/**
 * The database acknowledges commits before they are written, so events that {@code publish}
 * confirmed could be lost in a crash: the store refuses to use it. Thrown by the first operation (or
 * {@link JdbcWebhookStore#migrate()}) of a store over such a database; the message names the setting
 * and how to change it. Today this is an H2 database whose {@code WRITE_DELAY} is above zero (H2's
 * default is 500 ms).
 */
public final class NonDurableDatabaseException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String value;

    /**
     * Creates the exception for the database setting that makes commits non-durable, and its value.
     *
     * @param setting the name of the setting, for example {@code WRITE_DELAY}
     * @param value the value the database reported for it
     * @param remedy how to make commits durable, appended to the message
     */
    public NonDurableDatabaseException(String setting, String value, String remedy) {
        super("the database acknowledges commits before writing them (" + setting + " = " + value
                + "), so a crash would lose events that publish confirmed: " + remedy);
        this.setting = setting;
        this.value = value;
    }

    /**
     * The name of the setting.
     *
     * @return the setting's name, for example {@code WRITE_DELAY}
     */
    public String setting() {
        return setting;
    }

    /**
     * The value the database reported for the {@link #setting()}.
     *
     * @return the value, as the database reported it, for example {@code 500}
     */
    public String value() {
        return value;
    }
}
