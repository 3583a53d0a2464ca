package com.freshscale.server.prices;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.signing.PriceBookSigner;
import com.freshscale.server.store.ServerDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and publishes (retained, QoS 1) a new price book for every store whose prices changed since its
 * last book. The version is claimed in the database with a compare-and-set, so two server instances never
 * publish the same version twice. The last signed book of each store is kept and published again after
 * every (re)connect, so a broker that lost its retained messages gets them back.
 */
public final class PriceBookPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PriceBookPublisher.class);

    /** A book as published: its version and the signed wire bytes. */
    public record Published(String storeId, long version, Instant publishedAt, byte[] payload) {}

    private final ServerDatabase database;
    private final MqttLink link;
    private final PriceBookSigner signer;
    private final ScheduledExecutorService worker;
    /** Stores whose latest book the broker may not have yet. */
    private final Map<String, Boolean> unsent = new ConcurrentHashMap<>();
    /**
     * Per store, when the server may next put its book back over a foreign retained one, and the back-off after
     * that (doubling from {@link #FIRST_REASSERT} to {@link #MAX_REASSERT}, back to the first after
     * {@link #MAX_REASSERT} without a foreign book): a client that keeps overwriting the retained book cannot make the server republish in a loop, and
     * each garbage message no longer costs a whole book.
     */
    private final Map<String, long[]> reassert = new ConcurrentHashMap<>();
    static final long FIRST_REASSERT = 1_000;
    static final long MAX_REASSERT = 300_000;

    public PriceBookPublisher(ServerDatabase database, MqttLink link, PriceBookSigner signer) {
        this.database = database;
        this.link = link;
        this.signer = signer;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pricebook-publisher");
            t.setDaemon(true);
            return t;
        });
    }

    public PriceBookPublisher start() {
        link.onConnect(() -> worker.execute(this::republishAll));
        // a retained book that is not our latest (a rogue or misconfigured client overwrote it) would be
        // what every scale that connects next receives: put ours back
        link.subscribe(Topics.ROOT + "/stores/+/pricebook", 1, (topic, payload, retained) -> {
            String store = Topics.parse(topic).storeId();
            worker.execute(() -> checkRetained(store, payload));
        });
        // changes made through another instance's API show up here within a second
        worker.scheduleWithFixedDelay(this::cycle, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Publish changed stores now (called after each API change). */
    public void nudge() {
        worker.execute(this::cycle);
    }

    private void cycle() {
        try {
            for (String store : changedStores()) signNew(store);
            for (String store : List.copyOf(unsent.keySet())) send(store);
        } catch (RuntimeException | SQLException e) {
            LOG.error("price book publishing failed, will retry: {}", e.toString());
        }
    }

    private List<String> changedStores() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = database.connect();
             PreparedStatement p = c.prepareStatement("SELECT store_id FROM store WHERE revision > published_revision");
             ResultSet r = p.executeQuery()) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }

    /** Builds, signs and records the next version of {@code storeId}'s book; one transaction. */
    private void signNew(String storeId) throws SQLException {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try {
                PriceRepository.Store s = PriceRepository.store(c, storeId);
                long version = s.publishedVersion() + 1;
                Instant now = Instant.now();
                PriceBook book = PriceRepository.book(c, storeId, version, now);
                byte[] signed = signer.sign(book);
                int claimed;
                // the claim: this version, and a revision newer than the one last published. Without the second
                // condition an instance that saw the store changed just before another one published that change read
                // the new version here and published the same book again as the next one (PostgresChainTest, CI)
                try (PreparedStatement p = c.prepareStatement("UPDATE store SET published_version = ?, "
                        + "published_revision = ? WHERE store_id = ? AND published_version = ? AND published_revision < ?")) {
                    p.setLong(1, version);
                    p.setLong(2, s.revision());
                    p.setString(3, storeId);
                    p.setLong(4, s.publishedVersion());
                    p.setLong(5, s.revision());
                    claimed = p.executeUpdate();
                }
                if (claimed == 0) { // another instance published this version, or this revision, first
                    c.rollback();
                    return;
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO published_book (store_id, version, published_ms, payload) "
                        + "VALUES (?,?,?,?) ON CONFLICT (store_id) DO UPDATE SET version = excluded.version, "
                        + "published_ms = excluded.published_ms, payload = excluded.payload")) {
                    p.setString(1, storeId);
                    p.setLong(2, version);
                    p.setLong(3, now.toEpochMilli());
                    p.setString(4, new String(signed, StandardCharsets.UTF_8));
                    p.executeUpdate();
                }
                // every version is kept (the one table of them, V11): ingest checks each sale against the version that
                // priced it, and reports read what that version said (BookVersions)
                try (PreparedStatement p = c.prepareStatement("INSERT INTO published_book_version (store_id, version, published_ms, "
                        + "payload, revision) VALUES (?,?,?,?,?)")) {
                    p.setString(1, storeId);
                    p.setLong(2, version);
                    p.setLong(3, now.toEpochMilli());
                    p.setString(4, new String(signed, StandardCharsets.UTF_8));
                    p.setLong(5, s.revision());
                    p.executeUpdate();
                }
                c.commit();
                LOG.info("signed price book version {} of store {} ({} PLUs, {} bytes)", version, storeId,
                        book.plus().size(), signed.length);
                unsent.put(storeId, true);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void send(String storeId) {
        Published p = latest(storeId);
        if (p == null) {
            unsent.remove(storeId);
            return;
        }
        try {
            if (link.publishAndWait(Topics.priceBook(storeId), MessageCodec.compress(p.payload()), true, Duration.ofSeconds(10))) {
                unsent.remove(storeId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkRetained(String storeId, byte[] payload) {
        try {
            Published mine = latest(storeId);
            if (mine == null) return;
            byte[] plain = MessageCodec.plain(payload, MessageCodec.MAX_PRICEBOOK_BYTES);
            if (!java.util.Arrays.equals(plain, mine.payload())) {
                com.fasterxml.jackson.databind.JsonNode book = MessageCodec.tree(plain, MessageCodec.MAX_PRICEBOOK_BYTES).get("book");
                com.fasterxml.jackson.databind.JsonNode v = book == null ? null : book.get("version");
                if (v != null && v.isIntegralNumber() && v.asLong() < mine.version()) {
                    // the echo of an earlier version (several signed in a row, as a fresh demo's seeding does): ours
                    // was published after it; sent again to be sure, nothing for anyone to act on
                    LOG.debug("retained price book of store {} is version {}, older than version {}; publishing ours again",
                            storeId, v.asLong(), mine.version());
                } else {
                    LOG.warn("retained price book of store {} is not the one this server signed; publishing version {} again",
                            storeId, mine.version());
                }
                reassert(storeId);
            }
        } catch (com.freshscale.protocol.codec.MessageRejectedException e) {
            LOG.warn("retained price book of store {} is unreadable ({}); publishing ours again", storeId, e.getMessage());
            reassert(storeId);
        } catch (RuntimeException e) {
            LOG.error("cannot check the retained price book of store {}: {}", storeId, e.toString());
        }
    }

    /** Puts our book back now, or once the back-off allows (one deferred try, however many foreign books came). */
    private void reassert(String storeId) {
        long now = System.currentTimeMillis();
        // [next allowed, back-off, deferred try pending, last foreign book]
        long[] b = reassert.computeIfAbsent(storeId, k -> new long[] {0, FIRST_REASSERT, 0, 0});
        if (now - b[3] > MAX_REASSERT) b[1] = FIRST_REASSERT; // quiet for a while: answer at once again
        b[3] = now;
        if (now >= b[0]) {
            b[0] = now + b[1];
            b[1] = Math.min(MAX_REASSERT, b[1] * 2);
            send(storeId);
        } else if (b[2] == 0) {
            b[2] = 1;
            worker.schedule(() -> {
                b[2] = 0;
                b[0] = System.currentTimeMillis() + b[1];
                b[1] = Math.min(MAX_REASSERT, b[1] * 2);
                send(storeId);
            }, b[0] - now, TimeUnit.MILLISECONDS);
        }
    }

    /** How many times the book of {@code storeId} may be put back before the back-off stops it (tests). */
    long reassertDelayMs(String storeId) {
        long[] b = reassert.get(storeId);
        return b == null ? 0 : b[1];
    }

    private void republishAll() {
        try (Connection c = database.connect();
             PreparedStatement p = c.prepareStatement("SELECT store_id FROM published_book");
             ResultSet r = p.executeQuery()) {
            while (r.next()) unsent.put(r.getString(1), true);
        } catch (SQLException e) {
            LOG.error("cannot list published books: {}", e.getMessage());
        }
        cycle();
    }

    /** The last signed book of {@code storeId}, or null if none was published yet. */
    public Published latest(String storeId) {
        try (Connection c = database.connect();
             PreparedStatement p = c.prepareStatement(
                     "SELECT version, published_ms, payload FROM published_book WHERE store_id = ?")) {
            p.setString(1, storeId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return null;
                return new Published(storeId, r.getLong(1), Instant.ofEpochMilli(r.getLong(2)),
                        r.getString(3).getBytes(StandardCharsets.UTF_8));
            }
        } catch (SQLException e) {
            throw new com.freshscale.server.store.DataException("cannot read the published book: " + e.getMessage(), e);
        }
    }

    /** True when every store's latest book has been handed to the broker. */
    public boolean idle() {
        return unsent.isEmpty();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
