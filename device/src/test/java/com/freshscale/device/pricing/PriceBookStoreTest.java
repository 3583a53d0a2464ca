package com.freshscale.device.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceBookStoreTest {
    static final Instant NOW = Instant.parse("2026-03-10T11:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;
    DeviceDatabase db;

    @org.junit.jupiter.api.BeforeEach
    void open() {
        db = DeviceDatabase.open(dir.resolve("scale.db"));
    }

    static PriceBook book(String store, long version, Instant from, long bananaPrice) {
        Plu bananas = new Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG, bananaPrice, "EUR", 0, 5,
                "ean13-price", "default", List.of("Banana"), true);
        return new PriceBook(store, version, from, "EUR", List.of(bananas), null, null);
    }

    @Test
    void theAppliedBookSurvivesARestart() {
        Path file = dir.resolve("scale.db");
        PriceBookStore store = new PriceBookStore(db, clock);
        assertThat(store.inForceAt(NOW)).isEmpty();
        assertThat(store.apply(DemoPriceBook.load())).isEqualTo(PriceBookStore.Outcome.APPLIED);

        PriceBookStore reopened = new PriceBookStore(DeviceDatabase.open(file), clock);
        assertThat(reopened.inForceAt(NOW)).contains(DemoPriceBook.load());
    }

    @Test
    void onlyANewerVersionReplacesTheBook() {
        PriceBookStore store = new PriceBookStore(db, clock);
        store.apply(book("s1", 5, NOW.minusSeconds(60), 199));
        assertThat(store.apply(book("s1", 5, NOW.minusSeconds(60), 99))).isEqualTo(PriceBookStore.Outcome.NOT_NEWER);
        assertThat(store.apply(book("s1", 4, NOW.minusSeconds(60), 99))).isEqualTo(PriceBookStore.Outcome.NOT_NEWER);
        assertThat(store.inForceAt(NOW).orElseThrow().plus().get(0).unitPriceMinor()).isEqualTo(199);

        assertThat(store.apply(book("s1", 6, NOW.minusSeconds(1), 149))).isEqualTo(PriceBookStore.Outcome.APPLIED);
        assertThat(store.inForceAt(NOW).orElseThrow().version()).isEqualTo(6);
        assertThat(rows()).isEqualTo(1); // v5 can never be in force again
    }

    @Test
    void aFutureBookWaitsForItsEffectiveTimeWhileTheCurrentOneStaysInForce() {
        PriceBookStore store = new PriceBookStore(db, clock);
        store.apply(book("s1", 1, NOW.minusSeconds(3600), 199));
        Instant tomorrow = NOW.plusSeconds(86_400);
        store.apply(book("s1", 2, tomorrow, 149));
        assertThat(store.inForceAt(NOW).orElseThrow().version()).isEqualTo(1);
        assertThat(store.inForceAt(tomorrow).orElseThrow().version()).isEqualTo(2);
        assertThat(store.newest().orElseThrow().version()).isEqualTo(2);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void aBookOfAnotherStoreReplacesTheDemoBook() {
        PriceBookStore store = new PriceBookStore(db, clock);
        store.apply(DemoPriceBook.load());
        assertThat(store.apply(book("store-042", 1, NOW.minusSeconds(1), 179))).isEqualTo(PriceBookStore.Outcome.APPLIED);
        assertThat(store.inForceAt(NOW).orElseThrow().storeId()).isEqualTo("store-042");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void theShippedBookSeedsAnEmptyScaleOnlyAndNeverReplacesTheStoresBook() {
        PriceBookStore store = new PriceBookStore(db, clock);
        assertThat(store.seedIfEmpty(DemoPriceBook.load())).isTrue();
        store.apply(book("store-042", 1, NOW.minusSeconds(1), 179));
        assertThat(store.seedIfEmpty(DemoPriceBook.load())).isFalse();
        assertThat(store.inForceAt(NOW).orElseThrow().storeId()).isEqualTo("store-042");
    }

    private int rows() {
        try (Connection c = db.connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM price_book")) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
