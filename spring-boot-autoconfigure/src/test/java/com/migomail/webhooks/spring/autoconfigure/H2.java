package com.migomail.webhooks.spring.autoconfigure;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Real H2 file databases for the tests, durable as the store requires. */
final class H2 {

    private H2() {
    }

    static DataSource file(Path directory) {
        return at("jdbc:h2:file:" + directory.resolve("webhooks") + ";WRITE_DELAY=0");
    }

    /** A database that does not exist and is not created: every connection fails. */
    static DataSource missing(Path directory) {
        return at("jdbc:h2:file:" + directory.resolve("absent") + ";IFEXISTS=TRUE");
    }

    private static DataSource at(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }
}
