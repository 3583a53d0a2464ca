package com.freshscale.server.store;

import com.freshscale.protocol.files.SecretFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The server's database: one SQLite file for a store or a demo, PostgreSQL for a chain (several server
 * instances). The schema is the Flyway migrations in {@code db/server/}, written in the SQL both accept.
 */
public final class ServerDatabase {
    public enum Kind { SQLITE, POSTGRESQL }

    private final String url;
    private final Kind kind;
    private final DataSource dataSource;

    private ServerDatabase(String url, Kind kind, DataSource dataSource) {
        this.url = url;
        this.kind = kind;
        this.dataSource = dataSource;
    }

    /** Opens {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...} and migrates it. */
    public static ServerDatabase open(String jdbcUrl) {
        ServerDatabase db;
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            Path file = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                // owner-only (0600) from the start, and so its -wal and -shm files: sales, accounts' password hashes
                SecretFile.createIfAbsent(file);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot create folder for " + file + ": " + e.getMessage(), e);
            }
            SQLiteConfig c = new SQLiteConfig();
            // WAL + synchronous=FULL: an acknowledged sale is on disk (https://www.sqlite.org/pragma.html#pragma_synchronous)
            c.setJournalMode(SQLiteConfig.JournalMode.WAL);
            c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            c.setBusyTimeout(30_000);
            // 64 MiB of page cache instead of SQLite's 2 MiB default: the sale table's four B-trees (random
            // UUID keys among them) outgrow 2 MiB after some ten thousand sales, and every insert then reads
            // pages back from the OS (https://www.sqlite.org/pragma.html#pragma_cache_size)
            c.setCacheSize(-64 * 1024);
            // BEGIN IMMEDIATE: a transaction that reads and then writes would otherwise fail at once with
            // SQLITE_BUSY when another connection wrote in between (https://www.sqlite.org/lang_transaction.html)
            c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            SQLiteDataSource ds = new SQLiteDataSource(c);
            ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
            db = new ServerDatabase(jdbcUrl, Kind.SQLITE, ds);
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(jdbcUrl);
            db = new ServerDatabase(jdbcUrl, Kind.POSTGRESQL, ds);
        } else {
            throw new IllegalArgumentException("--db must be jdbc:sqlite:<file> or jdbc:postgresql://host/db, not " + jdbcUrl);
        }
        try {
            Flyway.configure().dataSource(db.dataSource).locations("classpath:db/server").load().migrate();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open or migrate database " + redacted(jdbcUrl) + ": " + e.getMessage(), e);
        }
        return db;
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Work on one connection; a {@link SQLException} it throws becomes a {@link DataException}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} as one transaction: committed if it returns, rolled back if it throws. */
    public <T> T transaction(Work<T> work) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                T r = work.run(c);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataException("database error: " + e.getMessage(), e);
        }
    }

    /**
     * Runs reads in autocommit mode: on SQLite every transaction begins IMMEDIATE (takes the write lock, see
     * {@link #open}), and a console request that only reads must not queue behind the sales ingest.
     */
    public <T> T read(Work<T> work) {
        try (Connection c = connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataException("database error: " + e.getMessage(), e);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The URL without a password, for logs and status. */
    public String describe() {
        return redacted(url);
    }

    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
