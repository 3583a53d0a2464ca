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
import java.time.LocalDate;
import java.time.ZoneId;
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
 * stored once), committed, and only then acknowledged to each scale by sale id.
 */
public final class SalesIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SalesIngest.class);
    /** Sales per database transaction at most: one commit (one fsync) for many messages. */
    private static final int MAX_SALES_PER_TRANSACTION = 5_000;

    private final ServerDatabase database;
    private final MqttLink link;
    private final Rejection rejections;
    /** The chain's business day: {@code sold_day} is the store clock's date, not the UTC one. */
    private final ZoneId businessZone;
    private final BlockingQueue<SalesBatch> queue = new ArrayBlockingQueue<>(256);
    private final Thread writer;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean running = true;

    private final String filter;

    /**
     * @param shared use the shared subscription (several instances on an external broker); with the embedded
     *               broker there is only this instance, and a plain subscription avoids HiveMQ CE's shared
     *               subscription queue, which in our tests sometimes stopped delivering to a lone subscriber
     */
    public SalesIngest(ServerDatabase database, MqttLink link, Rejection rejections, boolean shared, ZoneId businessZone) {
        this.businessZone = businessZone;
        this.filter = shared ? Topics.SHARED_ALL_SALES : Topics.ALL_SALES;
        this.database = database;
        this.link = link;
        this.rejections = rejections;
        this.writer = new Thread(this::writeLoop, "sales-ingest");
        this.writer.setDaemon(true);
    }

    public SalesIngest start() {
        writer.start();
        link.subscribe(filter, 1, (topic, payload, retained) -> {
            SalesBatch b;
            try {
                b = MessageCodec.decodeSales(topic, payload);
            } catch (MessageRejectedException e) {
                rejections.record(topic, e);
                return;
            }
            received.incrementAndGet();
            // blocks when the writer is behind: the message stays unacknowledged and the broker's
            // in-flight limit toward us holds back the rest
            queue.put(b);
        });
        return this;
    }

    private void writeLoop() {
        try (Connection c = database.connect()) {
            List<SalesBatch> batches = new ArrayList<>();
            while (running) {
                SalesBatch first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batches.clear();
                batches.add(first);
                int n = first.sales().size();
                SalesBatch next;
                while (n < MAX_SALES_PER_TRANSACTION && (next = queue.poll()) != null) {
                    batches.add(next);
                    n += next.sales().size();
                }
                try {
                    if (store(c, batches)) acknowledge(batches);
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
    private boolean store(Connection c, List<SalesBatch> batches) throws InterruptedException {
        long now = System.currentTimeMillis();
        // auto-commit between transactions: an idle SQLite connection must not hold the write lock
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            LOG.error("ingest cannot start a transaction: {}", e.getMessage());
            Thread.sleep(1000);
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO sale (sale_id, store_id, scale_id, sale_number, "
                + "plu_code, sale_type, net_mg, item_count, unit_price_minor, promotion_id, total_minor, currency, "
                + "barcode, sold_at_ms, sold_day, price_book_version, recognised_plu, recognition_confidence, "
                + "auto_picked, chosen_rank, mismatch, received_at_ms) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sale_id) DO NOTHING")) {
            for (SalesBatch b : batches) {
                for (Sale s : b.sales()) {
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
                    p.setString(i++, LocalDate.ofInstant(s.soldAt(), businessZone).toString());
                    p.setLong(i++, s.priceBookVersion());
                    p.setString(i++, s.recognisedPlu());
                    if (s.recognitionConfidence() == null) p.setNull(i++, java.sql.Types.DOUBLE);
                    else p.setDouble(i++, s.recognitionConfidence());
                    p.setBoolean(i++, s.autoPicked());
                    p.setInt(i++, s.chosenRank());
                    p.setBoolean(i++, s.mismatch());
                    p.setLong(i++, now);
                    p.addBatch();
                }
            }
            int[] counts = p.executeBatch();
            c.commit();
            long inserted = 0;
            for (int k : counts) if (k > 0) inserted++;
            long total = counts.length;
            stored.addAndGet(inserted);
            duplicates.addAndGet(total - inserted);
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
                    batches.stream().mapToInt(b -> b.sales().size()).sum(), e.getMessage());
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
                byte[] payload = MessageCodec.encode(SalesAck.of(k[0], k[1], part));
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
        writer.interrupt();
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
