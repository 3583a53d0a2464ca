package com.freshscale.server.it;

import com.freshscale.device.sync.ScaleSync;
import java.nio.file.Path;

/**
 * A scale as its own JVM, for kill -9 tests: {@code ScaleProcess <db> <broker> <publicKey> <sales>} records
 * that many sales as fast as it can (printing each committed sale number), then keeps syncing until killed.
 */
public final class ScaleProcess {
    public static void main(String[] args) throws Exception {
        ScaleSync s = Scale.start(Path.of(args[0]), Scale.config("s1", "k1", args[1], Path.of(args[2]), 100_000));
        int n = Integer.parseInt(args[3]);
        System.out.println("READY");
        for (int i = 0; i < n; i++) {
            long number = s.nextSaleNumber();
            s.recordSale(Scale.sale("s1", "k1", number));
            System.out.println("SOLD " + number);
        }
        System.out.println("DONE");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
