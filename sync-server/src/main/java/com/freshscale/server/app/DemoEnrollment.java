package com.freshscale.server.app;

import com.freshscale.protocol.files.SecretFile;
import com.freshscale.protocol.pricebook.DemoPriceBook;
import com.freshscale.server.identity.Enrollments;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The demo's enrollment code: {@code run --demo} makes a one-time code for the demo scale ({@value #SCALE} of the
 * demo store, which it creates if missing) and keeps it in {@value #FILE} of the data folder, readable by its
 * owner only. The demo scale enrols itself with it, as a technician types a code made in the console into a
 * new scale's service menu; a scale enrolled before keeps its credentials and does not need it.
 */
public final class DemoEnrollment {
    public static final String FILE = "demo-enrollment-code.txt";
    public static final String SCALE = "scale-1";

    private DemoEnrollment() {}

    /** Before the server opens its HTTP port (the demo scale reads the file once the server answers). */
    static Enrollments.Code ensure(com.freshscale.server.store.ServerDatabase database, Path dataDir) throws IOException {
        String store = DemoPriceBook.STORE_ID;
        var prices = new com.freshscale.server.prices.PriceRepository(database, () -> { });
        if (prices.stores().stream().noneMatch(s -> s.storeId().equals(store))) {
            prices.putStore(store, "FreshScale Demo Market", DemoPriceBook.load().currency(), null);
        }
        var clock = java.time.Clock.systemUTC();
        Enrollments.Code code = new Enrollments(database, new com.freshscale.server.identity.Identities(database, clock), clock)
                .create(store, SCALE, DemoAccount.USER);
        Path file = dataDir.resolve(FILE);
        SecretFile.write(file, code.code() + "\n");
        return code;
    }
}
