package com.freshscale.server.bench;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.signing.Ed25519Keys;
import com.freshscale.protocol.signing.PriceBookVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Price-book fan-out: simulated scales (real MQTT clients that verify the Ed25519 signature and parse the
 * book, as a scale does) subscribe to their store's retained book; a store manager imports {@code --plus}
 * PLUs into every store; time until every scale has verified and applied the new version.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true, description = "Time to get a new price book to every scale.")
final class FanoutBench implements Callable<Integer> {
    @Option(names = "--scales", defaultValue = "1000") int scales;
    @Option(names = "--plus", defaultValue = "5000") int plus;
    @Option(names = "--stores", defaultValue = "10", description = "Stores the scales are spread over.") int stores;
    @Option(names = "--verifiers", description = "Simulated scales verifying at the same time (default: one per core).")
    Integer verifiers;

    /** What one round of imports gave: import time, time until the last scale applied, scales that did. */
    private record Round(double importMs, double appliedMs, int done, double cpuS) {}

    private volatile long roundPrice;
    private AtomicLongArray appliedAt;

    @Override
    public Integer call() throws Exception {
        try (BenchServer server = new BenchServer(null)) {
            var prices = server.app.prices();
            for (int s = 0; s < stores; s++) prices.putStore("store-" + s, "Store " + s, "EUR", null);
            PriceBookVerifier verifier = new PriceBookVerifier(List.of(Ed25519Keys.readPublic(server.app.publicKey())));
            AtomicLongArray appliedVersion = new AtomicLongArray(scales);
            appliedAt = new AtomicLongArray(scales);
            AtomicLong rejected = new AtomicLong();
            List<MqttLink> links = new ArrayList<>();
            // Real scales verify on their own CPUs with their own memory. Here 1,000 of them share this
            // machine's cores and one heap: letting all 1,000 parse at once only keeps 1,000 half-parsed
            // books alive together, which the garbage collector then copies (seconds of pauses, measured).
            // So at most one verification per core runs at a time; every scale still verifies its own book.
            Semaphore cores = new Semaphore(verifiers != null ? verifiers : Runtime.getRuntime().availableProcessors());
            for (int i = 0; i < scales; i++) {
                final int k = i;
                String store = "store-" + (i % stores);
                MqttLink l = new MqttLink(MqttLink.Options.defaults(server.brokerUrl(), server.app.identities().issueScale(store, "fanout-" + i)));
                l.subscribe(Topics.priceBook(store), 1, (topic, payload, retained) -> {
                    cores.acquire();
                    try {
                        PriceBook b = verifier.verify(store, payload);
                        if (b.version() > appliedVersion.get(k)) {
                            appliedVersion.set(k, b.version());
                            // the book of this round: all PLUs, at this round's prices
                            if (b.plus().size() == plus && b.plus().get(0).unitPriceMinor() == roundPrice) {
                                appliedAt.set(k, System.nanoTime());
                            }
                        }
                    } catch (com.freshscale.protocol.codec.MessageRejectedException e) {
                        rejected.incrementAndGet();
                    } finally {
                        cores.release();
                    }
                });
                links.add(l.start());
            }
            for (MqttLink l : links) {
                if (!l.awaitReady(Duration.ofSeconds(120))) throw new IllegalStateException("simulated scale did not connect");
            }
            Thread.sleep(2000); // let the empty initial books arrive everywhere
            System.out.printf("%d scales in %d stores connected; importing %d PLUs per store%n", scales, stores, plus);
            // first the stores' catalogues arrive on scales that never parsed a big book: in this one JVM that
            // also compiles the verifier for all simulated scales at once (a real scale has its own CPU)
            Round first = round(prices, 0);
            System.out.printf("first catalogue: imports committed after %.0f ms, %d of %d scales applied it after %.0f ms "
                    + "(process CPU %.1f s)%n", first.importMs(), first.done(), scales, first.appliedMs(), first.cpuS());
            // then the weekly case: every price of the catalogue changes
            Round change = round(prices, 1);
            for (MqttLink l : links) l.close();
            System.out.printf("price change: imports committed after %.0f ms; %d of %d scales applied the new %d-PLU book %.0f ms "
                    + "after the first import started; %d rejected; process CPU %.1f s (server, broker and all scales)%n",
                    change.importMs(), change.done(), scales, plus, change.appliedMs(), rejected.get(), change.cpuS());
            System.out.printf("{\"bench\":\"fanout\",\"scales\":%d,\"plus\":%d,\"stores\":%d,\"import_ms\":%.0f,"
                    + "\"all_applied_ms\":%.0f,\"cpu_s\":%.1f,\"first_book_all_applied_ms\":%.0f}%n", scales, plus, stores,
                    change.importMs(), change.appliedMs(), change.cpuS(), first.appliedMs());
            return first.done() == scales && change.done() == scales ? 0 : 1;
        }
    }

    /**
     * Every store imports the catalogue at prices shifted by {@code shift}. The fan-out starts with the
     * first import: the publisher signs and sends each store's book as soon as its import commits, while
     * the next store's import runs. So the clock runs from the start of the imports, import time included,
     * until the last scale applied its new book.
     */
    private Round round(com.freshscale.server.prices.PriceRepository prices, int shift) throws InterruptedException {
        List<Plu> catalogue = catalogue(plus, shift);
        roundPrice = catalogue.get(0).unitPriceMinor();
        for (int i = 0; i < scales; i++) appliedAt.set(i, 0);
        CpuBreakdown breakdown = new CpuBreakdown();
        long start = System.nanoTime();
        for (int s = 0; s < stores; s++) prices.putPlus("store-" + s, catalogue);
        double importMs = (System.nanoTime() - start) / 1e6;
        long deadline = start + Duration.ofMinutes(3).toNanos();
        int done = 0;
        while (System.nanoTime() < deadline) {
            done = 0;
            for (int i = 0; i < scales; i++) if (appliedAt.get(i) != 0) done++;
            if (done == scales) break;
            Thread.sleep(10);
        }
        CpuBreakdown.Report cpu = breakdown.since();
        System.out.println("  " + cpu.line());
        long last = 0;
        for (int i = 0; i < scales; i++) last = Math.max(last, appliedAt.get(i));
        return new Round(importMs, done == scales ? (last - start) / 1e6 : -1, done, cpu.processSeconds());
    }

    static List<Plu> catalogue(int n, int priceShift) {
        List<Plu> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String code = String.valueOf(10000 + i);
            out.add(new Plu(code, Map.of("en", "Produce item " + code, "de", "Artikel " + code), SaleType.PER_KG,
                    99 + priceShift + i % 900, "EUR", 0, 3, "ean13-price", "standard", List.of("Label" + (i % 80)), true));
        }
        return out;
    }
}
