package com.freshscale.server.bench;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesAck;
import com.freshscale.protocol.sales.SalesBatch;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end ingest: simulated scales (real MQTT clients) publish batches of sales to a real server
 * (embedded broker + SQLite, or --db); time from the first publish until every sale is stored and acked.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Sales ingest throughput, published → stored → acked.")
final class IngestBench implements Callable<Integer> {
    @Option(names = "--scales", defaultValue = "200") int scales;
    @Option(names = "--sales", defaultValue = "200000", description = "Total sales over all scales.") int sales;
    @Option(names = "--batch", defaultValue = "100", description = "Sales per MQTT message.") int batch;
    @Option(names = "--db", description = "JDBC URL (default: SQLite in a temporary folder).") String db;
    @Option(names = "--rate", defaultValue = "0", description = "Sales per second offered by all scales together, "
            + "evenly paced; 0 (default) sends everything at once, which measures throughput while the ack latency "
            + "is mostly queueing. With a rate the ack latency is that of a chain selling at that rate.")
    int rate;

    @Override
    public Integer call() throws Exception {
        try (BenchServer server = new BenchServer(db)) {
            int perScale = sales / scales;
            int total = perScale * scales;
            // one batch per scale first, not timed: the server has been running for days in a store, so its
            // decoding and storing code is compiled, and the broker has every scale's session
            int warm = Math.min(batch, perScale) * scales;
            Map<String, Long> sentAt = new ConcurrentHashMap<>(total * 2);
            long[] latencies = new long[total + warm];
            AtomicLong acked = new AtomicLong();
            AtomicLong ackedTwice = new AtomicLong();
            List<MqttLink> links = new ArrayList<>();
            List<List<byte[]>> payloads = new ArrayList<>();
            List<List<List<String>>> ids = new ArrayList<>();
            // sold within the last hour: ingest checks each sale like a till (time, store, book, PLU, price, total)
            Instant t = Instant.now().minusSeconds(3600);
            // this run's stores only, so that a reused --db database does not count earlier runs
            String run = "b" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
            Map<String, Long> versions = new java.util.HashMap<>();
            for (int s = 0; s < scales; s += 10) {
                String store = run + "-" + (s / 10);
                server.app.prices().putStore(store, "Bench " + store, "EUR", null);
                server.app.prices().putPlu(store, new com.freshscale.protocol.pricebook.Plu("4011", Map.of("en", "Bananas"), SaleType.PER_KG,
                        199, "EUR", 0, 3, "ean13-price", "standard", List.of("Banana"), true));
            }
            long booksDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int s = 0; s < scales; s += 10) {
                String store = run + "-" + (s / 10);
                while (true) {
                    var p = server.app.publisher().latest(store);
                    if (p != null && new String(p.payload(), java.nio.charset.StandardCharsets.UTF_8).contains("\"4011\"")) {
                        versions.put(store, p.version());
                        break;
                    }
                    if (System.nanoTime() > booksDeadline) throw new IllegalStateException("store " + store + "'s price book was not published");
                    Thread.sleep(50);
                }
            }
            for (int s = 0; s < scales; s++) {
                String store = run + "-" + (s / 10);
                String scale = "scale-" + s;
                MqttLink link = new MqttLink(MqttLink.Options.defaults(server.brokerUrl(), server.app.identities().issueScale(store, scale)));
                link.subscribe(Topics.acks(store, scale), 1, (topic, payload, retained) -> {
                    SalesAck ack = MessageCodec.decodeAck(topic, payload);
                    long now = System.nanoTime();
                    for (String id : ack.saleIds()) {
                        Long t0 = sentAt.remove(id);
                        if (t0 == null) {
                            ackedTwice.incrementAndGet();
                            continue;
                        }
                        int i = (int) acked.getAndIncrement();
                        latencies[i] = now - t0;
                    }
                });
                links.add(link.start());
                List<byte[]> ps = new ArrayList<>();
                List<List<String>> is = new ArrayList<>();
                int warmOfScale = warm / scales;
                for (int from = -warmOfScale; from < perScale; from += from < 0 ? warmOfScale : batch) {
                    List<Sale> list = new ArrayList<>();
                    for (int k = from; k < (from < 0 ? 0 : Math.min(perScale, from + batch)); k++) {
                        list.add(new Sale(Sale.newId(), store, scale, k + warmOfScale + 1, "4011", SaleType.PER_KG, 1_234_000, 0, 199,
                                null, 246, "EUR", "2104011002461", t.plusMillis(k + warmOfScale), versions.get(store), "4011", 0.93,
                                k % 3 == 0,
                                k % 3 == 0 ? 0 : 1, false));
                    }
                    ps.add(MessageCodec.compress(MessageCodec.encode(SalesBatch.of(store, scale, list))));
                    is.add(list.stream().map(Sale::saleId).toList());
                }
                payloads.add(ps);
                ids.add(is);
            }
            for (MqttLink l : links) {
                if (!l.awaitReady(Duration.ofSeconds(60))) throw new IllegalStateException("simulated scale did not connect");
            }
            long warmStart = System.nanoTime();
            for (int s = 0; s < scales; s++) {
                for (String id : ids.get(s).get(0)) sentAt.put(id, System.nanoTime());
                while (!links.get(s).publish(Topics.sales(run + "-" + (s / 10), "scale-" + s), payloads.get(s).get(0), false,
                        Duration.ofSeconds(10), null)) {
                    Thread.sleep(10);
                }
            }
            while (acked.get() < warm && System.nanoTime() - warmStart < Duration.ofMinutes(2).toNanos()) Thread.sleep(5);
            if (acked.get() < warm) throw new IllegalStateException("warm-up: only " + acked.get() + " of " + warm + " acked");
            System.out.printf("%d scales connected and warmed up (%d sales stored and acked in %.1f s, not counted); "
                    + "%d sales in batches of %d; publishing%n", scales, warm, (System.nanoTime() - warmStart) / 1e9, total, batch);
            acked.set(0);
            long cpu0 = BenchServer.processCpuNanos();
            long start = System.nanoTime();
            int[] next = new int[scales];
            java.util.Arrays.fill(next, 1);
            int remaining = payloads.stream().mapToInt(List::size).sum() - scales;
            long sent = 0; // messages handed to the scales' clients so far
            // round-robin over the scales, like a chain where every scale sells at once
            while (remaining > 0) {
                boolean any = false;
                for (int s = 0; s < scales; s++) {
                    if (next[s] >= payloads.get(s).size()) continue;
                    if (rate > 0) { // the next message is due when the chain has sold its sales at --rate
                        long due = start + (long) (sent * (double) batch * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    long now = System.nanoTime();
                    for (String id : ids.get(s).get(next[s])) sentAt.put(id, now);
                    if (links.get(s).publish(Topics.sales(run + "-" + (s / 10), "scale-" + s), payloads.get(s).get(next[s]),
                            false, Duration.ZERO, null)) {
                        next[s]++;
                        remaining--;
                        sent++;
                        any = true;
                    }
                }
                if (!any) Thread.sleep(1);
            }
            System.out.printf("published in %.2f s%n", (System.nanoTime() - start) / 1e9);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            long lastReport = System.nanoTime();
            while (acked.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(5);
                if (System.nanoTime() - lastReport > 2_000_000_000L) {
                    lastReport = System.nanoTime();
                    var in = server.app.ingest();
                    System.out.printf("  t=%.1f s: batches received %d, stored %d (%d transactions), acked %d%n",
                            (lastReport - start) / 1e9, in.received(), in.stored(), in.transactions(), acked.get());
                }
            }
            long elapsed = System.nanoTime() - start;
            double cpuS = (BenchServer.processCpuNanos() - cpu0) / 1e9;
            for (MqttLink l : links) l.close();
            long rows;
            long distinct;
            try (Connection c = server.app.database().connect();
                 java.sql.PreparedStatement st = c.prepareStatement(
                         "SELECT COUNT(*), COUNT(DISTINCT sale_id) FROM sale WHERE store_id LIKE ?")) {
                st.setString(1, run + "-%");
                try (ResultSet r = st.executeQuery()) {
                    r.next();
                    rows = r.getLong(1);
                    distinct = r.getLong(2);
                }
            }
            long n = acked.get();
            long[] lat = Arrays.copyOf(latencies, (int) n);
            Arrays.sort(lat);
            double p99 = n == 0 ? -1 : lat[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6;
            double p50 = n == 0 ? -1 : lat[(int) Math.min(n - 1, Math.ceil(n * 0.50) - 1)] / 1e6;
            double perS = total / (elapsed / 1e9);
            System.out.printf("database: %s%n", server.app.database().describe());
            System.out.printf("stored %d rows (%d distinct, warm-up included), acked %d of %d in %.2f s: %.0f sales/s, ack p50 %.1f ms, p99 %.1f ms "
                    + "(%s); process CPU %.1f s (%.0f us per sale: server, broker and scales)%n",
                    rows, distinct, n, total, elapsed / 1e9, perS, p50, p99,
                    rate > 0 ? "offered at " + rate + " sales/s" : "everything offered at once", cpuS, cpuS * 1e6 / total);
            System.out.printf("{\"bench\":\"ingest\",\"db\":\"%s\",\"scales\":%d,\"sales\":%d,\"rate\":%d,\"sales_per_s\":%.0f,"
                            + "\"warmup_sales\":%d,\"ack_ms_p50\":%.1f,\"ack_ms_p99\":%.1f,\"lost\":%d,\"duplicates\":%d,\"cpu_s\":%.1f}%n",
                    server.app.database().kind().name().toLowerCase(), scales, total, rate, perS, warm, p50, p99, total + warm - distinct,
                    rows - distinct, cpuS);
            return distinct == total + warm && n == total ? 0 : 1;
        }
    }
}
