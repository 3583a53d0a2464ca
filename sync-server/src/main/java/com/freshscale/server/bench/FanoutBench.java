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

    @Override
    public Integer call() throws Exception {
        try (BenchServer server = new BenchServer(null)) {
            var prices = server.app.prices();
            for (int s = 0; s < stores; s++) prices.putStore("store-" + s, "Store " + s, "EUR");
            PriceBookVerifier verifier = new PriceBookVerifier(List.of(Ed25519Keys.readPublic(server.app.publicKey())));
            AtomicLongArray appliedVersion = new AtomicLongArray(scales);
            AtomicLongArray appliedAt = new AtomicLongArray(scales);
            AtomicLong target = new AtomicLong(Long.MAX_VALUE);
            AtomicLong rejected = new AtomicLong();
            List<MqttLink> links = new ArrayList<>();
            for (int i = 0; i < scales; i++) {
                final int k = i;
                String store = "store-" + (i % stores);
                MqttLink l = new MqttLink(MqttLink.Options.defaults(server.brokerUrl(), "fanout-" + i));
                l.subscribe(Topics.priceBook(store), 1, (topic, payload, retained) -> {
                    try {
                        PriceBook b = verifier.verify(store, payload);
                        if (b.version() > appliedVersion.get(k)) {
                            appliedVersion.set(k, b.version());
                            if (b.plus().size() == plus) appliedAt.set(k, System.nanoTime());
                        }
                    } catch (com.freshscale.protocol.codec.MessageRejectedException e) {
                        rejected.incrementAndGet();
                    }
                });
                links.add(l.start());
            }
            for (MqttLink l : links) {
                if (!l.awaitReady(Duration.ofSeconds(120))) throw new IllegalStateException("simulated scale did not connect");
            }
            Thread.sleep(2000); // let the empty initial books arrive everywhere
            System.out.printf("%d scales in %d stores connected; importing %d PLUs per store%n", scales, stores, plus);
            // the store managers' imports (one transaction per store) are timed apart: the fan-out starts
            // when the new prices are committed, and includes signing, publishing, delivery and verification
            long importStart = System.nanoTime();
            for (int s = 0; s < stores; s++) prices.putPlus("store-" + s, catalogue(plus));
            long start = System.nanoTime();
            double importMs = (start - importStart) / 1e6;
            long deadline = start + Duration.ofMinutes(3).toNanos();
            int done = 0;
            while (System.nanoTime() < deadline) {
                done = 0;
                for (int i = 0; i < scales; i++) if (appliedAt.get(i) != 0) done++;
                if (done == scales) break;
                Thread.sleep(10);
            }
            long last = 0;
            for (int i = 0; i < scales; i++) last = Math.max(last, appliedAt.get(i));
            double ms = done == scales ? (last - start) / 1e6 : -1;
            for (MqttLink l : links) l.close();
            System.out.printf("imports committed in %.0f ms; %d of %d scales applied the %d-PLU book %.0f ms later; %d rejected%n",
                    importMs, done, scales, plus, ms, rejected.get());
            System.out.printf("{\"bench\":\"fanout\",\"scales\":%d,\"plus\":%d,\"stores\":%d,\"import_ms\":%.0f,"
                    + "\"all_applied_ms\":%.0f}%n", scales, plus, stores, importMs, ms);
            return done == scales ? 0 : 1;
        }
    }

    static List<Plu> catalogue(int n) {
        List<Plu> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String code = String.valueOf(10000 + i);
            out.add(new Plu(code, Map.of("en", "Produce item " + code, "de", "Artikel " + code), SaleType.PER_KG,
                    99 + i % 900, "EUR", 0, 3, "ean13-price", "standard", List.of("Label" + (i % 80)), true));
        }
        return out;
    }
}
