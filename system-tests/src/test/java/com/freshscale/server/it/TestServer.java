package com.freshscale.server.it;

import com.freshscale.protocol.enrollment.Enrollment;
import com.freshscale.protocol.mqtt.MqttCredentials;
import com.freshscale.server.app.ServerApp;
import com.freshscale.server.identity.Identities;
import com.freshscale.server.store.ServerDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * An in-process sync server: embedded broker on a free port (or a real Mosquitto), SQLite (or --db). Scales get
 * their identity from it as enrollment gives it ({@link #enrol}); with Mosquitto, its password file is written
 * again and the broker reloaded, as the deploy guide tells an operator to.
 */
final class TestServer implements AutoCloseable {
    final ServerApp app;
    final int mqttPort;
    final String brokerUrl;
    private final Mosquitto mosquitto;

    /** The HQ account every test server has; {@link Http} logs in with it. */
    static final String HQ_USER = "hq-test";
    static final String HQ_PASSWORD = "hq-test-password";

    private TestServer(ServerApp app, int mqttPort, String brokerUrl, Mosquitto mosquitto) {
        this.app = app;
        this.mosquitto = mosquitto;
        // servers of a chain share one database: the first one creates the account
        if (app.accounts().list().keySet().stream().noneMatch(a -> a.userName().equals(HQ_USER))) {
            app.accounts().add(new com.freshscale.server.auth.Account(HQ_USER, com.freshscale.server.auth.Role.HQ, java.util.Set.of()),
                    HQ_PASSWORD.toCharArray());
        }
        this.mqttPort = mqttPort;
        this.brokerUrl = brokerUrl;
    }

    static TestServer embedded(Path dir) throws IOException {
        return embedded(dir, java.time.ZoneId.of("Europe/Berlin"));
    }

    static TestServer embedded(Path dir, java.time.ZoneId businessZone) throws IOException {
        int port = Net.freePort();
        return new TestServer(ServerApp.start(new ServerApp.Options(dir, "127.0.0.1", port, null, "127.0.0.1", 0,
                null, "t1", businessZone)), port, "tcp://127.0.0.1:" + port, null);
    }

    /** A server instance on {@code mosquitto}, with its own identity made as `mqtt add-server` makes it. */
    static TestServer external(Path dir, Mosquitto mosquitto, String dbUrl, String instance) throws Exception {
        String db = dbUrl != null ? dbUrl : "jdbc:sqlite:" + dir.resolve("freshscale.db");
        Files.createDirectories(dir);
        Identities ids = new Identities(ServerDatabase.open(db), java.time.Clock.systemUTC());
        MqttCredentials self = ids.issueServer(instance);
        ids.writePasswordFile(mosquitto.passwords);
        mosquitto.allowServer(self.userName());
        mosquitto.reload();
        return new TestServer(ServerApp.start(new ServerApp.Options(dir, mosquitto.url(), "127.0.0.1", 0, dbUrl, "127.0.0.1", 0,
                dir.resolve("pricebook.key"), instance, java.time.ZoneId.of("Europe/Berlin"), self)), 0, mosquitto.url(), mosquitto);
    }

    /**
     * Gives scale {@code scaleId} of {@code storeId} its identity, as enrollment does, and writes the file the
     * scale reads ({@code sync.credentials}); returns that file.
     */
    Path enrol(Path file, String storeId, String scaleId) throws Exception {
        Scale.enrol(app.identities(), publicKey(), file, storeId, scaleId);
        if (mosquitto != null) {
            app.identities().writePasswordFile(mosquitto.passwords);
            mosquitto.reload();
        }
        return file;
    }

    static final long BANANAS_PRICE = 199;

    /**
     * Store {@code storeId} (EUR) with bananas (PLU 4011, 1.99 EUR/kg), published: returns the version of the book
     * that has them. Sales must be priced from a published book, or the server quarantines them.
     */
    long bananas(String storeId) throws Exception {
        return bananas(app.database(), storeId);
    }

    /** The same in a server's database (a server in another process publishes it within a second). */
    static long bananas(ServerDatabase db, String storeId) {
        var prices = new com.freshscale.server.prices.PriceRepository(db, () -> { });
        if (prices.stores().stream().noneMatch(st -> st.storeId().equals(storeId))) prices.putStore(storeId, "Market Street", "EUR", null);
        prices.putPlu(storeId, new com.freshscale.protocol.pricebook.Plu("4011", java.util.Map.of("en", "Bananas"),
                com.freshscale.protocol.pricebook.SaleType.PER_KG, BANANAS_PRICE, "EUR", 0, 3, "ean13", "std",
                java.util.List.of("Banana"), true));
        org.awaitility.Awaitility.await("store " + storeId + "'s book with bananas published").atMost(java.time.Duration.ofSeconds(30))
                .until(() -> {
                    return db.read(c -> {
                        try (var q = c.prepareStatement("SELECT payload FROM published_book WHERE store_id = ?")) {
                            q.setString(1, storeId);
                            try (var r = q.executeQuery()) {
                                return r.next() && r.getString(1).contains("\"4011\"");
                            }
                        }
                    });
                });
        publishedBefore(db, storeId, Scale.BASE);
        // the version in force now that nothing is left to publish (a change made before this call may have come after)
        return db.read(c -> {
            try (var q = c.prepareStatement("SELECT version FROM published_book WHERE store_id = ?")) {
                q.setString(1, storeId);
                try (var r = q.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /**
     * Moves store {@code storeId}'s published book versions back, all by the same span, so that the latest was published
     * a day before {@code firstSale}: tests date their sales in the past (a business-day fixture, yesterday), and a sale
     * priced from a book published after it is quarantined (IMPLAUSIBLE_TIME), as it would be for a real store.
     */
    static void publishedBefore(ServerDatabase db, String storeId, java.time.Instant firstSale) {
        // first every change of the store published (its publisher polls): a version published after the move would be "now"
        org.awaitility.Awaitility.await("store " + storeId + " has no change left to publish").atMost(java.time.Duration.ofSeconds(30))
                .until(() -> db.read(c -> {
                    try (var q = c.prepareStatement("SELECT revision = published_revision FROM store WHERE store_id = ?")) {
                        q.setString(1, storeId);
                        try (var r = q.executeQuery()) {
                            return r.next() && r.getBoolean(1);
                        }
                    }
                }));
        long shift = System.currentTimeMillis() - firstSale.minus(java.time.Duration.ofDays(1)).toEpochMilli();
        db.transaction(c -> {
            try (var u = c.prepareStatement("UPDATE published_book_version SET published_ms = published_ms - ? WHERE store_id = ? "
                    + "AND published_ms > ?")) {
                u.setLong(1, shift);
                u.setString(2, storeId);
                u.setLong(3, firstSale.toEpochMilli());
                u.executeUpdate();
            }
            return null;
        });
    }

    /** The same in this server's database. */
    void publishedBefore(String storeId, java.time.Instant firstSale) {
        publishedBefore(app.database(), storeId, firstSale);
    }

    Path publicKey() {
        return app.publicKey();
    }

    String http() {
        return "http://127.0.0.1:" + app.httpPort();
    }

    long count(String sql) throws Exception {
        try (Connection c = app.database().connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    long sales() throws Exception {
        return count("SELECT COUNT(*) FROM sale");
    }

    @Override
    public void close() {
        app.close();
    }
}
