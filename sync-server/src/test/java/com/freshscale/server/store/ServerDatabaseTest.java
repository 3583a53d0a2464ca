package com.freshscale.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's SQLite database holds every sale and the accounts' password hashes: it is created owner-only (0600), and
 * SQLite gives its -wal and -shm files the database file's mode. Created by SQLite itself they were 0644 under the usual
 * umask, readable by every local user. On a POSIX file system.
 */
class ServerDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void theDatabaseAndItsWalAndShmFilesAreTheOwnersOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Path file = dir.resolve("data").resolve("freshscale.db");
        ServerDatabase db = ServerDatabase.open("jdbc:sqlite:" + file);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(ownerOnly);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // a write with the connection open: the -wal and -shm files exist now
            s.executeUpdate("CREATE TABLE probe (x INTEGER)");
            for (String side : new String[] {"-wal", "-shm"}) {
                Path f = dir.resolve("data").resolve("freshscale.db" + side);
                assertThat(f).exists();
                assertThat(Files.getPosixFilePermissions(f)).as(side).isEqualTo(ownerOnly);
            }
        }
    }

    @Test
    void anExistingDatabaseIsOpenedAsItIs() throws Exception {
        Path file = dir.resolve("freshscale.db");
        try (Connection c = ServerDatabase.open("jdbc:sqlite:" + file).connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE probe (x INTEGER)");
            s.executeUpdate("INSERT INTO probe VALUES (42)");
        }
        try (Connection c = ServerDatabase.open("jdbc:sqlite:" + file).connect(); Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT x FROM probe").getLong(1)).isEqualTo(42);
        }
    }
}
