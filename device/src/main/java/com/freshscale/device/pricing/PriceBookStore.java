package com.freshscale.device.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.store.StoreException;
import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.protocol.pricebook.PriceBook;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale's price books in SQLite (table {@code price_book}, migration V201), so it prices offline and
 * after a restart from the last book it applied. Applying is one transaction: the new book is stored
 * whole or not at all. A book only replaces an older version of the same store; a book of another store
 * replaces all books (the scale was moved). A book with a future effective time waits: the previous one
 * stays in force until then. Signature checks happen before, in the sync stage.
 */
public final class PriceBookStore {
    private static final Logger log = LoggerFactory.getLogger(PriceBookStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What {@link #apply} did. */
    public enum Outcome {
        APPLIED,
        /** Not newer than the book the scale has for that store: ignored, nothing changed. */
        NOT_NEWER
    }

    private final DeviceDatabase db;
    private final Clock clock;
    /** Books in the database, newest version first; replaced (never mutated) after each commit. */
    private volatile List<PriceBook> books;

    public PriceBookStore(DeviceDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.books = loadAll();
    }

    /** The book in force at {@code t}: the newest version whose effective time has come. */
    public Optional<PriceBook> inForceAt(Instant t) {
        return books.stream().filter(b -> !b.effectiveFrom().isAfter(t)).findFirst();
    }

    /** The newest version held (in force or waiting for its effective time). */
    public Optional<PriceBook> newest() {
        return books.stream().findFirst();
    }

    /**
     * First start: stores {@code book} (e.g. {@link DemoPriceBook}) only if the scale has no price book at all,
     * so a restart never replaces the store's real book with the shipped one.
     */
    public synchronized boolean seedIfEmpty(PriceBook book) {
        if (!books.isEmpty()) return false;
        return apply(book) == Outcome.APPLIED;
    }

    /** Stores {@code book} if it is newer than what the scale has for its store, atomically. */
    public synchronized Outcome apply(PriceBook book) {
        String json;
        try {
            json = JSON.writeValueAsString(book);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("price book cannot be serialised: " + e.getMessage(), e);
        }
        Instant now = clock.instant();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                long newest = newestVersion(c, book.storeId());
                if (book.version() <= newest) {
                    c.rollback();
                    log.info("price book {} v{} ignored: the scale has v{}", book.storeId(), book.version(), newest);
                    return Outcome.NOT_NEWER;
                }
                try (PreparedStatement other = c.prepareStatement("DELETE FROM price_book WHERE store_id <> ?")) {
                    other.setString(1, book.storeId());
                    int n = other.executeUpdate();
                    if (n > 0) log.warn("price book of store {} replaces {} book(s) of another store", book.storeId(), n);
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO price_book (store_id, version, "
                        + "effective_from_ms, currency, plu_count, book_json, applied_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ins.setString(1, book.storeId());
                    ins.setLong(2, book.version());
                    ins.setLong(3, book.effectiveFrom().toEpochMilli());
                    ins.setString(4, book.currency());
                    ins.setInt(5, book.plus().size());
                    ins.setString(6, json);
                    ins.setLong(7, now.toEpochMilli());
                    ins.executeUpdate();
                }
                // books older than the newest one in force can never be in force again
                try (PreparedStatement prune = c.prepareStatement("DELETE FROM price_book WHERE store_id = ? AND version < "
                        + "(SELECT MAX(version) FROM price_book WHERE store_id = ? AND effective_from_ms <= ?)")) {
                    prune.setString(1, book.storeId());
                    prune.setString(2, book.storeId());
                    prune.setLong(3, now.toEpochMilli());
                    prune.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store price book " + book.storeId() + " v" + book.version() + ": " + e.getMessage(), e);
        }
        books = loadAll();
        log.info("price book {} v{} applied: {} PLUs, in force from {}", book.storeId(), book.version(),
                book.plus().size(), book.effectiveFrom());
        return Outcome.APPLIED;
    }

    private static long newestVersion(Connection c, String storeId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM price_book WHERE store_id = ?")) {
            q.setString(1, storeId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<PriceBook> loadAll() {
        List<PriceBook> out = new ArrayList<>();
        try (Connection c = db.connect();
                PreparedStatement q = c.prepareStatement("SELECT store_id, version, book_json FROM price_book");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                try {
                    out.add(JSON.readValue(rs.getString(3), PriceBook.class));
                } catch (JsonProcessingException e) {
                    throw new StoreException("stored price book " + rs.getString(1) + " v" + rs.getLong(2)
                            + " cannot be read: " + e.getOriginalMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read price books: " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingLong(PriceBook::version).reversed());
        return List.copyOf(out);
    }
}
