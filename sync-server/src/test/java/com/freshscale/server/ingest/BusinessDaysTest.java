package com.freshscale.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.server.prices.PriceRepository;
import com.freshscale.server.store.ServerDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusinessDaysTest {
    @TempDir
    Path dir;

    @Test
    void aSaleCountsOnItsStoresDayAndAZoneSetElsewhereArrivesWithinTheRefresh() throws Exception {
        ServerDatabase db = ServerDatabase.open("jdbc:sqlite:" + dir.resolve("server.db"));
        PriceRepository stores = new PriceRepository(db, () -> {});
        stores.putStore("berlin", "Berlin", "EUR", null);
        stores.putStore("chicago", "Chicago", "EUR", "America/Chicago");
        AtomicLong now = new AtomicLong();
        BusinessDays days = new BusinessDays(db, ZoneId.of("Europe/Berlin"), now::get);
        Instant lateEvening = Instant.parse("2026-11-26T23:30:00Z"); // 00:30 on the 27th in Berlin, 17:30 on the 26th in Chicago

        assertThat(days.day("berlin", lateEvening)).isEqualTo(LocalDate.parse("2026-11-27"));
        assertThat(days.day("chicago", lateEvening)).isEqualTo(LocalDate.parse("2026-11-26"));
        assertThat(days.day("unknown-store", lateEvening)).isEqualTo(LocalDate.parse("2026-11-27")); // the chain's zone

        // another server instance of the chain gives Berlin a zone: seen after the refresh, not before
        stores.putStore("berlin", "Berlin", "EUR", "America/New_York");
        now.addAndGet(BusinessDays.REFRESH_NANOS / 2);
        assertThat(days.zone("berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        now.addAndGet(BusinessDays.REFRESH_NANOS);
        assertThat(days.zone("berlin")).isEqualTo(ZoneId.of("America/New_York"));
        // on this instance the API invalidates at once
        stores.putStore("berlin", "Berlin", "EUR", null);
        days.invalidate();
        assertThat(days.zone("berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));

        assertThatThrownBy(() -> stores.putStore("x", "X", "EUR", "Europe/Atlantis")).hasMessageContaining("time zone");
        assertThatThrownBy(() -> stores.putStore("x", "X", "EUR", "UTC+2")).hasMessageContaining("time zone");
        assertThat(stores.stores()).extracting(PriceRepository.Store::storeId).containsExactly("berlin", "chicago");
    }
}
