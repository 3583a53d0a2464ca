package com.freshscale.device.sync;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.store.StoreException;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.codec.Rejection;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.signing.PriceBookVerifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the scale's current price book: applies a received book only if its signature verifies, it is
 * for this store and its version is newer, replacing the stored one in one transaction; otherwise the
 * scale keeps pricing from the last valid book and {@link #problem()} says why. The pricing stage reads
 * {@link #current()} or registers a listener.
 */
public final class PriceBookKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(PriceBookKeeper.class);

    private final DeviceDatabase database;
    private final PriceBookVerifier verifier;
    private final String storeId;
    private final Rejection rejections;
    private final List<Consumer<PriceBook>> listeners = new CopyOnWriteArrayList<>();
    private volatile PriceBook current;
    private volatile String problem;

    public PriceBookKeeper(DeviceDatabase database, PriceBookVerifier verifier, String storeId, Rejection rejections) {
        this.database = database;
        this.verifier = verifier;
        this.storeId = storeId;
        this.rejections = rejections;
        this.current = load();
    }

    /** The last valid price book, if the scale ever received one. */
    public Optional<PriceBook> current() {
        return Optional.ofNullable(current);
    }

    public long version() {
        PriceBook b = current;
        return b == null ? 0 : b.version();
    }

    /** Why the last book received was not applied, or null if it was. */
    public String problem() {
        return problem;
    }

    /** Called with each newly applied book (after it is stored). */
    public void onApplied(Consumer<PriceBook> listener) {
        listeners.add(listener);
    }

    /**
     * Verifies and applies a signed book received on {@code topic}. Returns true if it became current.
     * Never throws for bad input.
     */
    public synchronized boolean receive(String topic, byte[] payload) {
        PriceBook book;
        try {
            book = verifier.verify(storeId, payload);
        } catch (MessageRejectedException e) {
            rejections.record(topic, e);
            problem = e.reason() + ": " + e.getMessage();
            return false;
        }
        long have = version();
        if (book.version() == have) return false; // the retained copy again after a reconnect
        if (book.version() < have) {
            MessageRejectedException e = new MessageRejectedException(Rejection.Reason.NOT_NEWER,
                    "version " + book.version() + " is older than the applied version " + have);
            rejections.record(topic, e);
            problem = e.reason() + ": " + e.getMessage();
            return false;
        }
        store(book, payload);
        current = book;
        problem = null;
        LOG.info("applied price book version {} of store {} ({} PLUs)", book.version(), storeId, book.plus().size());
        for (Consumer<PriceBook> l : listeners) {
            try {
                l.accept(book);
            } catch (RuntimeException e) {
                LOG.warn("price book listener failed: {}", e.toString());
            }
        }
        return true;
    }

    private void store(PriceBook book, byte[] payload) {
        try (Connection c = database.connect();
             PreparedStatement p = c.prepareStatement("INSERT INTO sync_price_book (id, store_id, version, payload, applied_ms) "
                     + "VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET store_id = excluded.store_id, "
                     + "version = excluded.version, payload = excluded.payload, applied_ms = excluded.applied_ms")) {
            p.setString(1, book.storeId());
            p.setLong(2, book.version());
            p.setBytes(3, payload);
            p.setLong(4, System.currentTimeMillis());
            p.executeUpdate(); // one statement in auto-commit: atomic
        } catch (SQLException e) {
            throw new StoreException("cannot store price book version " + book.version() + ": " + e.getMessage(), e);
        }
    }

    /** The stored book, verified again: a book changed on disk is not trusted. */
    private PriceBook load() {
        try (Connection c = database.connect();
             PreparedStatement p = c.prepareStatement("SELECT payload FROM sync_price_book WHERE id = 1");
             ResultSet r = p.executeQuery()) {
            if (!r.next()) return null;
            try {
                return verifier.verify(storeId, r.getBytes(1));
            } catch (MessageRejectedException e) {
                problem = "stored price book rejected: " + e.getMessage();
                LOG.error("the stored price book does not verify ({}); waiting for a new one", e.getMessage());
                return null;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the stored price book: " + e.getMessage(), e);
        }
    }
}
