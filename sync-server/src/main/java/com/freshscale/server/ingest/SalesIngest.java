package com.freshscale.server.ingest;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.codec.Rejection;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesAck;
import com.freshscale.protocol.sales.SalesBatch;
import com.freshscale.server.store.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest of every scale's sales through the MQTT 5 shared subscription {@code $share/ingest/...}: several
 * server instances split the load, each message goes to one of them. Batches are validated, inserted
 * several messages per transaction with {@code ON CONFLICT DO NOTHING} on the sale id (a resent sale is
 * stored once; a stored sale whose card payment its scale reversed later only takes the void reason, see {@link Resent}), committed, and only then acknowledged to each scale by sale id.
 *
 * <p>Three stages, each on its own threads and joined by bounded queues, so that they overlap: decoding
 * (JSON, the largest CPU cost per sale, on {@link #DECODERS} threads), the one writer (a database has one
 * writer at a time anyway), and the acknowledger, which publishes the acks of a committed transaction
 * while the writer already stores the next. A full queue blocks the stage before it, down to the MQTT
 * client, whose in-flight window then holds the broker back: nothing is dropped.
 */
public final class SalesIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SalesIngest.class);
    /** Sales per database transaction at most: one commit (one fsync) for many messages. */
    private static final int MAX_SALES_PER_TRANSACTION = 5_000;

    private final ServerDatabase database;
    private final MqttLink link;
    private final Rejection rejections;
    /** The business day: {@code sold_day} is the store clock's date, not the UTC one. */
    private final BusinessDays businessDays;
    /** Decoding threads: one per core, but at least two so that decoding overlaps with storing. */
    static final int DECODERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** A decoded batch with the till's verdict on each sale: the good ones are stored, the others quarantined. */
    private record Checked(SalesBatch batch, List<Sale> good, List<Quarantined> bad) {}

    private record Quarantined(Sale sale, TillCheck.Verdict verdict) {}

    private final BlockingQueue<Checked> queue = new ArrayBlockingQueue<>(256);
    /** Committed transactions whose acks are not published yet. */
    private final AtomicLong quarantined = new AtomicLong();
    private final TillCheck till;
    private final BlockingQueue<List<SalesBatch>> committed = new ArrayBlockingQueue<>(16);
    private final java.util.concurrent.ThreadPoolExecutor decoders;
    private final Thread writer;
    private final Thread acknowledger;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    /** Stored sales voided by their scale after the fact (a card payment reversed at the scale). */
    private final AtomicLong voidedLater = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean running = true;

    private final String filter;
    private final SoldAs soldAs;

    /**
     * @param shared use the shared subscription (several instances on an external broker); with the embedded
     *               broker there is only this instance, and a plain subscription avoids HiveMQ CE's shared
     *               subscription queue, which in our tests sometimes stopped delivering to a lone subscriber
     */
    public SalesIngest(ServerDatabase database, MqttLink link, Rejection rejections, boolean shared, BusinessDays businessDays,
                       com.freshscale.protocol.signing.PriceBookVerifier ownBooks) {
        this(database, link, rejections, shared, businessDays, ownBooks, new com.freshscale.server.scales.ScaleRanges(database));
    }

    /** With {@code ranges}: the weighing ranges the scales reported, by which a per-kg sale's net is judged. */
    public SalesIngest(ServerDatabase database, MqttLink link, Rejection rejections, boolean shared, BusinessDays businessDays,
                       com.freshscale.protocol.signing.PriceBookVerifier ownBooks, com.freshscale.server.scales.ScaleRanges ranges) {
        this.businessDays = businessDays;
        this.soldAs = new SoldAs(new com.freshscale.server.prices.BookVersions(database));
        this.till = new TillCheck(database, ownBooks, java.time.Clock.systemUTC(), ranges);
        this.filter = shared ? Topics.SHARED_ALL_SALES : Topics.ALL_SALES;
        this.database = database;
        this.link = link;
        this.rejections = rejections;
        this.writer = new Thread(this::writeLoop, "sales-ingest");
        this.writer.setDaemon(true);
        this.acknowledger = new Thread(this::ackLoop, "sales-ack");
        this.acknowledger.setDaemon(true);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.decoders = new java.util.concurrent.ThreadPoolExecutor(DECODERS, DECODERS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(4 * DECODERS), r -> {
                    Thread t = new Thread(r, "sales-decode-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, (task, pool) -> {
                    // a full queue blocks the MQTT handler: back-pressure, never a dropped message
                    try {
                        if (!pool.isShutdown()) pool.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    /** HQ's release of quarantined sales it found genuine: stored as this ingest stores a sale. */
    public QuarantineRelease releases() {
        return new QuarantineRelease(database, businessDays, soldAs, till::flagged, java.time.Clock.systemUTC());
    }

    /** A store was created or changed: its business-day zone is read again before the next sale is stored. */
    public void storesChanged() {
        businessDays.invalidate();
    }

    public SalesIngest start() {
        writer.start();
        acknowledger.start();
        link.subscribe(filter, 1, (topic, payload, retained) -> decoders.execute(() -> decode(topic, payload)));
        return this;
    }

    private void decode(String topic, byte[] payload) {
        SalesBatch b;
        try {
            b = MessageCodec.decodeSales(topic, payload);
        } catch (MessageRejectedException e) {
            rejections.record(topic, e);
            return;
        }
        received.incrementAndGet();
        List<Sale> good = new ArrayList<>(b.sales().size());
        List<Quarantined> bad = new ArrayList<>();
        for (Sale s : b.sales()) {
            TillCheck.Verdict v;
            Sale checked = s;
            try {
                v = till.check(s);
                // HQ's own loss-prevention flags, before the sale is stored or compared with a stored one
                if (v == null) checked = till.flagged(s);
            } catch (RuntimeException e) {
                // the database cannot be read: neither stored nor acknowledged, the scale sends it again
                LOG.error("cannot check sales of {}: {}", topic, e.toString());
                return;
            }
            if (v == null) good.add(checked);
            else bad.add(new Quarantined(s, v));
        }
        try {
            // blocks when the writer is behind, and so (through the decoders' queue) the MQTT client
            queue.put(new Checked(b, good, bad));
        } catch (InterruptedException e) {
            // shutting down: not stored, not acknowledged, so the scale sends it again
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        try (Connection c = database.connect()) {
            List<Checked> batches = new ArrayList<>();
            while (running) {
                Checked first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batches.clear();
                batches.add(first);
                int n = first.batch().sales().size();
                Checked next;
                while (n < MAX_SALES_PER_TRANSACTION && (next = queue.poll()) != null) {
                    batches.add(next);
                    n += next.batch().sales().size();
                }
                try {
                    if (store(c, batches)) committed.put(batches.stream().map(Checked::batch).toList());
                } catch (RuntimeException e) {
                    // never let the writer die: the sales are not acknowledged and come again
                    LOG.error("ingest of {} batches failed, not acknowledged", batches.size(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.error("ingest cannot open the database: {}", e.getMessage());
        }
    }

    /** Inserts all sales in one transaction; false (rolled back) on a database failure. */
    private boolean store(Connection c, List<Checked> batches) throws InterruptedException {
        long now = System.currentTimeMillis();
        // auto-commit between transactions: an idle SQLite connection must not hold the write lock
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            LOG.error("ingest cannot start a transaction: {}", e.getMessage());
            Thread.sleep(1000);
            return false;
        }
        try (PreparedStatement p = c.prepareStatement(INSERT_SALE)) {
            List<Sale> inOrder = new ArrayList<>();
            for (Checked b : batches) {
                for (Sale received : b.good()) {
                    inOrder.add(received);
                    SoldAs.Filled filled = soldAs.fill(received);
                    Sale s = filled.sale();
                    bind(p, s, businessDays.day(s.storeId(), s.soldAt()).toString(), now, filled.source());
                    p.addBatch();
                }
            }
            int[] counts = inOrder.isEmpty() ? new int[0] : p.executeBatch();
            List<Quarantined> bad = new ArrayList<>();
            for (Checked b : batches) bad.addAll(b.bad());
            long inserted = 0;
            List<Sale> seen = new ArrayList<>();
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] > 0) inserted++;
                else seen.add(inOrder.get(k));
            }
            // a sale id stored before: the same scale resending (a duplicate, acknowledged again), the same scale voiding
            // its sale after the fact because its card payment was reversed (the void reason is taken, once), or a
            // changed sale, any other late void, or another scale's id
            // (quarantined, not dropped, and the stored sale stays as it was)
            long again = 0;
            long voided = 0;
            for (Resent.Outcome o : Resent.judge(c, seen, now)) {
                switch (o.kind()) {
                    case DUPLICATE -> again++;
                    case VOIDED -> voided++;
                    case REFUSED -> bad.add(new Quarantined(o.sale(), o.verdict()));
                }
            }
            quarantine(c, bad, now);
            c.commit();
            stored.addAndGet(inserted);
            duplicates.addAndGet(again);
            voidedLater.addAndGet(voided);
            quarantined.addAndGet(bad.size());
            transactions.incrementAndGet();
            return true;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // connection broken; the next transaction reports it
            }
            // not acknowledged: the scales send these sales again after their ack timeout
            LOG.error("storing {} sales failed, not acknowledged: {}",
                    batches.stream().mapToInt(b -> b.batch().sales().size()).sum(), e.getMessage());
            Thread.sleep(1000);
            return false;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the next transaction reports a broken connection
            }
        }
    }

    /** The row of a counted sale; its values are bound by {@link #bind}. */
    static final String INSERT_SALE = "INSERT INTO sale (sale_id, store_id, scale_id, sale_number, "
            + "plu_code, sale_type, net_mg, item_count, unit_price_minor, promotion_id, total_minor, currency, "
            + "barcode, sold_at_ms, sold_day, price_book_version, recognised_plu, recognition_confidence, "
            + "auto_picked, chosen_rank, mismatch, received_at_ms, payment_reference, void_reason, count_implausible, item_name, "
            + "regular_unit_price_minor, promotion_text, discount_minor, sold_as, scale_voided_at_ms, priced_at_ms) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sale_id) DO NOTHING";

    /**
     * Binds sale {@code s} to {@link #INSERT_SALE}: sold on business day {@code soldDay}, received at {@code receivedAtMs},
     * its sold-as fields from {@code soldAsSource} (the scale, or the book: {@link SoldAs}), and for a sale that arrives
     * voided the scale's time of its void ({@code scale_voided_at_ms}).
     */
    static void bind(PreparedStatement p, Sale s, String soldDay, long receivedAtMs, String soldAsSource) throws SQLException {
        int i = 1;
        p.setString(i++, s.saleId());
        p.setString(i++, s.storeId());
        p.setString(i++, s.scaleId());
        p.setLong(i++, s.saleNumber());
        p.setString(i++, s.pluCode());
        p.setString(i++, s.saleType().name());
        p.setLong(i++, s.netMg());
        p.setInt(i++, s.count());
        p.setLong(i++, s.unitPriceMinor());
        p.setString(i++, s.promotionId());
        p.setLong(i++, s.totalMinor());
        p.setString(i++, s.currency());
        p.setString(i++, s.barcode());
        p.setLong(i++, s.soldAt().toEpochMilli());
        p.setString(i++, soldDay);
        p.setLong(i++, s.priceBookVersion());
        p.setString(i++, s.recognisedPlu());
        if (s.recognitionConfidence() == null) p.setNull(i++, java.sql.Types.DOUBLE);
        else p.setDouble(i++, s.recognitionConfidence());
        p.setBoolean(i++, s.autoPicked());
        p.setInt(i++, s.chosenRank());
        p.setBoolean(i++, s.mismatch());
        p.setLong(i++, receivedAtMs);
        p.setString(i++, s.paymentReference());
        p.setString(i++, s.voidReason());
        if (s.countImplausible() == null) p.setNull(i++, java.sql.Types.BOOLEAN);
        else p.setBoolean(i++, s.countImplausible());
        p.setString(i++, s.itemName());
        if (s.regularUnitPriceMinor() == null) p.setNull(i++, java.sql.Types.BIGINT);
        else p.setLong(i++, s.regularUnitPriceMinor());
        p.setString(i++, s.promotionText());
        if (s.discountMinor() == null) p.setNull(i++, java.sql.Types.BIGINT);
        else p.setLong(i++, s.discountMinor());
        p.setString(i++, soldAsSource);
        // when the scale voided it, by its clock (a sale that arrives voided: its label never printed); null if counted
        if (s.voidedAt() == null) p.setNull(i++, java.sql.Types.BIGINT);
        else p.setLong(i++, s.voidedAt().toEpochMilli());
        // when the scale fixed the price (the time the price check used); null from older scales
        if (s.pricedAt() == null) p.setNull(i++, java.sql.Types.BIGINT);
        else p.setLong(i++, s.pricedAt().toEpochMilli());
    }

    private static void quarantine(Connection c, List<Quarantined> bad, long now) throws SQLException {
        if (bad.isEmpty()) return;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO quarantined_sale (sale_id, store_id, scale_id, reason, detail, "
                + "sale_json, received_at_ms) VALUES (?,?,?,?,?,?,?) ON CONFLICT (sale_id, store_id, scale_id) DO NOTHING")) {
            for (Quarantined q : bad) {
                p.setString(1, q.sale().saleId());
                p.setString(2, q.sale().storeId());
                p.setString(3, q.sale().scaleId());
                p.setString(4, q.verdict().reason().name());
                p.setString(5, q.verdict().detail());
                p.setString(6, new String(MessageCodec.encode(q.sale()), java.nio.charset.StandardCharsets.UTF_8));
                p.setLong(7, now);
                p.addBatch();
            }
            p.executeBatch();
        }
        LOG.warn("{} sales quarantined, e.g. {} of scale {}/{}: {} ({})", bad.size(), bad.get(0).sale().saleId(),
                bad.get(0).sale().storeId(), bad.get(0).sale().scaleId(), bad.get(0).verdict().reason(), bad.get(0).verdict().detail());
    }

    private void ackLoop() {
        try {
            while (running || !committed.isEmpty()) {
                List<SalesBatch> batches = committed.poll(200, TimeUnit.MILLISECONDS);
                if (batches == null) continue;
                try {
                    acknowledge(batches);
                } catch (RuntimeException e) {
                    // stored but not acknowledged: the scales resend, find them stored and get the ack then
                    LOG.error("acks for {} batches failed", batches.size(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One ack per scale with every sale id now durably stored (new or already there). */
    private void acknowledge(List<SalesBatch> batches) throws InterruptedException {
        Map<String, List<String>> byScale = new LinkedHashMap<>();
        Map<String, String[]> ids = new LinkedHashMap<>();
        for (SalesBatch b : batches) {
            String key = b.storeId() + "/" + b.scaleId();
            ids.putIfAbsent(key, new String[] {b.storeId(), b.scaleId()});
            List<String> l = byScale.computeIfAbsent(key, k -> new ArrayList<>());
            for (Sale s : b.sales()) l.add(s.saleId());
        }
        for (Map.Entry<String, List<String>> e : byScale.entrySet()) {
            String[] k = ids.get(e.getKey());
            List<String> all = e.getValue();
            for (int from = 0; from < all.size(); from += SalesBatch.MAX_SALES) {
                List<String> part = all.subList(from, Math.min(all.size(), from + SalesBatch.MAX_SALES));
                // compressed like the sales: an ack of 100 ids is 3.9 kB of JSON, 2 kB gzipped, and every byte
                // received costs Paho 1.2.5 a method call (MqttWireMessage copies payloads byte by byte)
                byte[] payload = MessageCodec.compress(MessageCodec.encode(SalesAck.of(k[0], k[1], part)));
                if (!link.publish(Topics.acks(k[0], k[1]), payload, false, Duration.ofSeconds(5), null)) {
                    // stored but not acknowledged: the scale resends, we find them stored and ack then
                    LOG.warn("ack to {} not sent (broker unavailable); the scale will resend", e.getKey());
                }
            }
        }
    }

    public long stored() {
        return stored.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    /** Stored sales their scale voided after the fact since start (each counted once). */
    public long voidedLater() {
        return voidedLater.get();
    }

    /** Sales kept in quarantine (not counted) since start. */
    public long quarantined() {
        return quarantined.get();
    }

    /** Valid sales batches received (before storing). */
    public long received() {
        return received.get();
    }

    public long transactions() {
        return transactions.get();
    }

    @Override
    public void close() {
        running = false;
        decoders.shutdownNow();
        writer.interrupt();
        try {
            writer.join(5000);
            // the acks of what was committed go out if the broker takes them within the poll
            acknowledger.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acknowledger.interrupt();
    }
}
