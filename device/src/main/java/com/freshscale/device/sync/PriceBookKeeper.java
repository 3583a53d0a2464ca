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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale's price books, in one place (table {@code held_price_book}): applies a received book only if
 * its signature verifies, it is for this store and its version is newer than every book held, storing the
 * signed message exactly as received in one transaction; otherwise the scale keeps pricing from the last
 * valid book and {@link #problem()} says why.
 *
 * <p>A book is in force from its effective time ({@link PriceBook#effectiveFrom()}). A newer book whose
 * time has not come yet by the scale's clock waits in a second slot while the current one stays in force,
 * so the scale never has a gap without prices (a scale whose clock runs a little behind the server's would
 * otherwise refuse to price right after each publish). Books held are verified again when the scale starts:
 * a book changed on disk is not trusted.
 */
public final class PriceBookKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(PriceBookKeeper.class);
    private static final int IN_FORCE = 1;
    private static final int WAITING = 2;

    private final DeviceDatabase database;
    private final PriceBookVerifier verifier;
    private final String storeId;
    private final Rejection rejections;
    private final Clock clock;
    private final List<Consumer<PriceBook>> listeners = new CopyOnWriteArrayList<>();
    private volatile PriceBook inForce;
    private volatile Held waiting;
    private volatile String problem;

    private record Held(PriceBook book, byte[] payload) {}

    public PriceBookKeeper(DeviceDatabase database, PriceBookVerifier verifier, String storeId, Rejection rejections) {
        this(database, verifier, storeId, rejections, Clock.systemUTC());
    }

    public PriceBookKeeper(DeviceDatabase database, PriceBookVerifier verifier, String storeId, Rejection rejections,
            Clock clock) {
        this.database = database;
        this.verifier = verifier;
        this.storeId = storeId;
        this.rejections = rejections;
        this.clock = clock;
        Held f = load(IN_FORCE);
        Held w = load(WAITING);
        this.inForce = f == null ? null : f.book();
        this.waiting = w;
    }

    /** The book in force now: the last valid one whose effective time has come. Empty until the first arrives. */
    public Optional<PriceBook> current() {
        Held w = waiting;
        if (w != null && !w.book().effectiveFrom().isAfter(clock.instant())) promote();
        return Optional.ofNullable(inForce);
    }

    /** The version in force (0: none yet). */
    public long version() {
        return current().map(PriceBook::version).orElse(0L);
    }

    /** A newer book waiting for its effective time, if one was received. */
    public Optional<PriceBook> waiting() {
        current();
        Held w = waiting;
        return w == null ? Optional.empty() : Optional.of(w.book());
    }

    /** Why the last book received was not applied, or null if it was. */
    public String problem() {
        return problem;
    }

    /** Called with each book as it comes into force (after it is stored). */
    public void onApplied(Consumer<PriceBook> listener) {
        listeners.add(listener);
    }

    /**
     * Verifies and keeps a signed book received on {@code topic}. Returns true if it was accepted (in force
     * now, or waiting for its effective time). Never throws for bad input.
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
        current();
        long have = newestHeld();
        if (book.version() == have) {
            // the retained copy again (after a reconnect, or the server putting its book back after a bad one): the
            // book in force is valid and current, so whatever was wrong with the last message is over
            problem = null;
            return false;
        }
        if (book.version() < have) {
            MessageRejectedException e = new MessageRejectedException(Rejection.Reason.NOT_NEWER,
                    "version " + book.version() + " is older than version " + have + " the scale holds");
            rejections.record(topic, e);
            problem = e.reason() + ": " + e.getMessage();
            return false;
        }
        Instant now = clock.instant();
        problem = null;
        if (book.effectiveFrom().isAfter(now)) {
            write(List.of(WAITING), new Held(book, payload), WAITING);
            waiting = new Held(book, payload);
            LOG.info("price book version {} of store {} waits for its effective time {} (scale clock {}); version {} "
                    + "stays in force", book.version(), storeId, book.effectiveFrom(), now, inForce == null ? 0 : inForce.version());
            return true;
        }
        // a newer book in force also replaces an older one that was still waiting
        write(List.of(IN_FORCE, WAITING), new Held(book, payload), IN_FORCE);
        waiting = null;
        comeIntoForce(book);
        return true;
    }

    private long newestHeld() {
        Held w = waiting;
        if (w != null) return w.book().version();
        PriceBook f = inForce;
        return f == null ? 0 : f.version();
    }

    private synchronized void promote() {
        Held w = waiting;
        if (w == null || w.book().effectiveFrom().isAfter(clock.instant())) return; // another thread did it
        write(List.of(IN_FORCE, WAITING), w, IN_FORCE);
        waiting = null;
        comeIntoForce(w.book());
    }

    private void comeIntoForce(PriceBook book) {
        inForce = book;
        LOG.info("price book version {} of store {} in force ({} PLUs)", book.version(), storeId, book.plus().size());
        for (Consumer<PriceBook> l : listeners) {
            try {
                l.accept(book);
            } catch (RuntimeException e) {
                LOG.warn("price book listener failed: {}", e.toString());
            }
        }
    }

    /** Empties {@code clear} and stores {@code held} in {@code slot}, in one transaction. */
    private void write(List<Integer> clear, Held held, int slot) {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM held_price_book WHERE slot = ?")) {
                    for (int s : clear) {
                        d.setInt(1, s);
                        d.executeUpdate();
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO held_price_book "
                        + "(slot, store_id, version, effective_from_ms, payload, applied_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                    p.setInt(1, slot);
                    p.setString(2, held.book().storeId());
                    p.setLong(3, held.book().version());
                    p.setLong(4, held.book().effectiveFrom().toEpochMilli());
                    p.setBytes(5, held.payload());
                    p.setLong(6, clock.millis());
                    p.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store price book version " + held.book().version() + ": " + e.getMessage(), e);
        }
    }

    /** The book stored in {@code slot}, verified again; null if none or it no longer verifies. */
    private Held load(int slot) {
        try (Connection c = database.connect();
             PreparedStatement p = c.prepareStatement("SELECT payload FROM held_price_book WHERE slot = ?")) {
            p.setInt(1, slot);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return null;
                byte[] payload = r.getBytes(1);
                try {
                    return new Held(verifier.verify(storeId, payload), payload);
                } catch (MessageRejectedException e) {
                    problem = "stored price book rejected: " + e.getMessage();
                    LOG.error("the stored price book does not verify ({}); waiting for a new one", e.getMessage());
                    return null;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the stored price book: " + e.getMessage(), e);
        }
    }
}
