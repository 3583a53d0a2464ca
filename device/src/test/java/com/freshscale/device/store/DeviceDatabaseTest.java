package com.freshscale.device.store;

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
 * The scale's SQLite database (sales, card payments, the audit log) is created owner-only (0600), and so are its -wal
 * and -shm files, which SQLite gives the database file's mode. On a POSIX file system.
 */
class DeviceDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void theDatabaseAndItsWalAndShmFilesAreTheOwnersOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Path file = dir.resolve("scale.db");
        DeviceDatabase db = DeviceDatabase.open(file);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(ownerOnly);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE probe (x INTEGER)");
            for (String side : new String[] {"-wal", "-shm"}) {
                Path f = dir.resolve("scale.db" + side);
                assertThat(f).exists();
                assertThat(Files.getPosixFilePermissions(f)).as(side).isEqualTo(ownerOnly);
            }
        }
    }
}
