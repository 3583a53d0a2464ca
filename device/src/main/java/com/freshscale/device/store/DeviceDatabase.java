package com.freshscale.device.store;

import com.freshscale.protocol.files.SecretFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The scale's local SQLite database: calibration and audit log, price book, recognition gallery,
 * sales and their outbox. Opened in WAL mode with synchronous=FULL so that a committed sale survives a
 * power cut (https://www.sqlite.org/pragma.html#pragma_synchronous). Schema changes are Flyway
 * migrations under {@code db/device/}; each stage owns a block of versions:
 * V1xx weighing/calibration, V2xx pricing, V3xx vision, V4xx sales/outbox/sync.
 */
public final class DeviceDatabase {
    private final Path file;
    private final SQLiteDataSource dataSource;

    private DeviceDatabase(Path file, SQLiteDataSource dataSource) {
        this.file = file;
        this.dataSource = dataSource;
    }

    /** Opens (creating if needed) the database at {@code file} and brings its schema up to date. */
    public static DeviceDatabase open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            // owner-only (0600) from the start, and so its -wal and -shm files: sales, payments and the audit log
            SecretFile.createIfAbsent(file);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create folder for database " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/device")
                // stages own separate version blocks, so a newer block may land before an older one
                .outOfOrder(true)
                .load()
                .migrate();
        return new DeviceDatabase(file, ds);
    }

    public Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Path file() {
        return file;
    }
}
