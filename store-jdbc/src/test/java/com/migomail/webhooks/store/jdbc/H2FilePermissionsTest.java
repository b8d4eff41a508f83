package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 file store creates its files owner-only, whatever the umask lets H2 create them with: the
 * database holds endpoint secrets (encrypted or not) and the event log. Runs where the file system
 * has POSIX permissions.
 */
class H2FilePermissionsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
    }

    @Test
    void createsTheDatabaseAndTraceFilesReadableByTheOwnerOnly() throws IOException {
        try (JdbcWebhookStore store = Fixtures.h2File(dir.resolve("webhooks"))) {
            store.createEndpoint(Fixtures.endpoint("ep_1"));
        }

        assertThat(permissions(dir.resolve("webhooks.mv.db"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("webhooks.trace.db"))).isEqualTo("rw-------");
    }

    @Test
    void createsAMissingDirectoryForTheOwnerOnly() throws IOException {
        Path file = dir.resolve("data/webhooks");
        try (JdbcWebhookStore store = Fixtures.h2File(file)) {
            store.migrate();
        }

        assertThat(permissions(dir.resolve("data"))).isEqualTo("rwx------");
        assertThat(permissions(dir.resolve("data/webhooks.mv.db"))).isEqualTo("rw-------");
    }

    @Test
    void leavesTheFilesOfAnExistingDatabaseAsTheyAre() throws IOException {
        try (JdbcWebhookStore store = Fixtures.h2File(dir.resolve("webhooks"))) {
            store.migrate();
        }
        Files.setPosixFilePermissions(dir.resolve("webhooks.mv.db"), PosixFilePermissions.fromString("rw-r-----"));

        try (JdbcWebhookStore reopened = Fixtures.h2File(dir.resolve("webhooks"))) {
            assertThat(reopened.endpoints(Fixtures.TENANT)).isEmpty();
        }

        assertThat(permissions(dir.resolve("webhooks.mv.db"))).isEqualTo("rw-r-----");
    }

    @Test
    void touchesNoFileBeforeTheFirstOperation() {
        JdbcWebhookStore store = Fixtures.h2File(dir.resolve("data/webhooks"));

        assertThat(dir).isEmptyDirectory();
        store.close();
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
