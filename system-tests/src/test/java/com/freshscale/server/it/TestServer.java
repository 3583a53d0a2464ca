package com.freshscale.server.it;

import com.freshscale.server.app.ServerApp;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** An in-process sync server: embedded broker on a free port (or an external one), SQLite (or --db). */
final class TestServer implements AutoCloseable {
    final ServerApp app;
    final int mqttPort;
    final String brokerUrl;

    /** The HQ account every test server has; {@link Http} logs in with it. */
    static final String HQ_USER = "hq-test";
    static final String HQ_PASSWORD = "hq-test-password";

    private TestServer(ServerApp app, int mqttPort, String brokerUrl) {
        this.app = app;
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
        return new TestServer(ServerApp.start(new ServerApp.Options(dir, null, "127.0.0.1", port, null, "127.0.0.1", 0,
                null, "t1", businessZone)), port, "tcp://127.0.0.1:" + port);
    }

    static TestServer external(Path dir, String brokerUrl, String dbUrl, String instance) {
        return new TestServer(ServerApp.start(new ServerApp.Options(dir, brokerUrl, "127.0.0.1", 0, dbUrl, "127.0.0.1", 0,
                dir.resolve("pricebook.key"), instance, java.time.ZoneId.of("Europe/Berlin"))), 0, brokerUrl);
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
