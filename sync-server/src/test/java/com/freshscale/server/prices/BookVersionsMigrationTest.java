package com.freshscale.server.prices;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.PriceBookCodec;
import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.signing.Ed25519Keys;
import com.freshscale.protocol.signing.PriceBookSigner;
import com.freshscale.server.store.ServerDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V11: the book versions are kept in one table (published_book_version, the signed books) instead of two. A database
 * written before it keeps every version, and what version N said reads the same from the one table as it did from the two.
 */
class BookVersionsMigrationTest {
    static PriceBook version(long v, long price, Instant from) {
        PriceBook demo = DemoPriceBook.load();
        var plus = demo.plus().stream().map(p -> p.code().equals("4011") ? new com.freshscale.protocol.pricebook.Plu(p.code(),
                p.names(), p.saleType(), price, p.currency(), p.presetTareMg(), p.shelfLifeDays(), p.barcodeLayout(), p.labelLayout(),
                p.modelLabels(), p.active(), p.originCountry(), p.qualityClass(), p.variety(), p.typicalPieceMg()) : p).toList();
        return new PriceBook("s1", v, from, demo.currency(), plus, List.of(), List.of());
    }

    @Test
    void aDatabaseOfTheTwoTablesKeepsEveryVersionAndItsRevisionInTheOne(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("server.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/server").target("10").load().migrate();
        PriceBookSigner signer = new PriceBookSigner(Ed25519Keys.generate());
        Instant t1 = Instant.parse("2026-11-01T08:00:00Z");
        Instant t2 = Instant.parse("2026-12-01T08:00:00Z");
        PriceBook v1 = version(1, 199, t1); // signed before V10: in published_book_version only
        PriceBook v2 = version(2, 179, t2); // signed since V10: in both tables
        try (Connection c = java.sql.DriverManager.getConnection(url)) {
            for (PriceBook b : List.of(v1, v2)) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO published_book_version (store_id, version, published_ms, payload) "
                        + "VALUES (?,?,?,?)")) {
                    p.setString(1, "s1");
                    p.setLong(2, b.version());
                    p.setLong(3, b.effectiveFrom().toEpochMilli());
                    p.setString(4, new String(signer.sign(b), StandardCharsets.UTF_8));
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO book_version (store_id, version, revision, published_ms, payload_gz) "
                    + "VALUES (?,?,?,?,?)")) {
                p.setString(1, "s1");
                p.setLong(2, 2);
                p.setLong(3, 7);
                p.setLong(4, t2.toEpochMilli());
                p.setString(5, Base64.getEncoder().encodeToString(MessageCodec.compress(PriceBookCodec.encode(v2))));
                p.executeUpdate();
            }
        }

        ServerDatabase db = ServerDatabase.open(url); // migrates to V11 and on
        try (Connection c = db.connect()) {
            try (ResultSet r = c.getMetaData().getTables(null, null, "book_version", null)) {
                assertThat(r.next()).as("the second table is gone").isFalse();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT version, revision FROM published_book_version ORDER BY version");
                 ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(1);
                r.getLong(2);
                assertThat(r.wasNull()).as("no revision is known for a version from before V10").isTrue();
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(2);
                assertThat(r.getLong(2)).as("the revision book_version had").isEqualTo(7);
                assertThat(r.next()).isFalse();
            }
        }
        BookVersions books = new BookVersions(db);
        assertThat(books.bookOf("s1", 2, t2.plusSeconds(60))).contains(v2);
        assertThat(books.bookOf("s1", 1, t2.plusSeconds(60))).as("a version before V10 reads now too").contains(v1);
        assertThat(books.bookOf("s1", 9, t1.plusSeconds(60))).as("an unknown version: the last one published before the sale")
                .contains(v1);
        assertThat(books.bookOf("s1", 1, t1.minusSeconds(60)).map(PriceBook::version)).contains(1L);
        assertThat(books.bookOf("s2", 1, t2)).isEmpty();
    }
}
