package com.freshscale.server.it;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.sync.ScaleHealth;
import com.freshscale.device.sync.ScaleSync;
import com.freshscale.device.sync.SyncConfig;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A scale's sync stage as the app runs it: its own SQLite database, config and MQTT client. */
final class Scale {
    private Scale() {}

    static SyncConfig config(String store, String scale, String brokerUrl, Path publicKey, int capacity) {
        return new SyncConfig(store, scale, brokerUrl, List.of(publicKey.toString()), capacity, 90, 100, 5, 10, 24);
    }

    static ScaleSync start(Path db, SyncConfig config) {
        return ScaleSync.start(config, DeviceDatabase.open(db), ScaleHealth.UNKNOWN);
    }

    static Sale sale(String store, String scale, long number) {
        return new Sale(Sale.newId(), store, scale, number, "4011", SaleType.PER_KG, 1_000_000 + number, 0, 199, null,
                199 + number % 7, "EUR", "2940110001990", Instant.parse("2026-11-26T10:00:00Z").plusSeconds(number), 1,
                "4011", 0.9, false, 1, false);
    }

    /** Records {@code n} sales the way the app does: the next sale number, then the sale. */
    static void sell(ScaleSync s, String store, String scale, int n) {
        for (int i = 0; i < n; i++) s.recordSale(sale(store, scale, s.nextSaleNumber()));
    }
}
