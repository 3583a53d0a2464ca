package com.freshscale.server.it;

import com.freshscale.device.sync.ScaleSync;
import java.nio.file.Path;

/**
 * A scale as its own JVM, for kill -9 tests: {@code ScaleProcess <db> <broker> <publicKey> <sales> <credentials>} records
 * that many sales as fast as it can (printing each committed sale number), then keeps syncing until killed.
 */
public final class ScaleProcess {
    public static void main(String[] args) throws Exception {
        ScaleSync s = Scale.start(Path.of(args[0]), Scale.config("s1", "k1", args[1], Path.of(args[2]), 100_000, Path.of(args[4])));
        int n = Integer.parseInt(args[3]);
        // priced from the book the scale holds, as the app prices
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> s.currentPriceBook().flatMap(b -> b.plu("4011")).isPresent());
        long version = s.currentPriceBook().orElseThrow().version();
        System.out.println("READY");
        for (int i = 0; i < n; i++) {
            long number = s.nextSaleNumber();
            s.recordSale(Scale.sale("s1", "k1", number, version));
            System.out.println("SOLD " + number);
        }
        System.out.println("DONE");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
