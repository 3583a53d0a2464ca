package com.freshscale.server.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server .ci/run starts. In CI (CI=true) its absence fails the test; on a laptop without
 * PostgreSQL the test is skipped.
 */
final class Postgres {
    static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/freshscale_test?user=freshscale&password=freshscale";

    private Postgres() {}

    static String url() {
        String env = System.getenv("FRESHSCALE_TEST_PG_URL");
        return env != null && !env.isBlank() ? env : DEFAULT_URL;
    }

    /** A clean database: the test's URL after dropping everything in it. */
    static String fresh() {
        String url = url();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            String why = "PostgreSQL not reachable at " + url.replaceAll("password=[^&]*", "password=***") + ": " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(why + " (CI=true: .ci/run must start it)");
            Assumptions.abort(why);
        }
        return url;
    }
}
