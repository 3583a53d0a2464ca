package com.freshscale.device.sync;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.protocol.SoftwareVersion;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.codec.MessageRejectedException;
import com.freshscale.protocol.codec.Rejection;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.sales.Sale;
import com.freshscale.protocol.sales.SalesAck;
import com.freshscale.protocol.signing.Ed25519Keys;
import com.freshscale.protocol.signing.PriceBookVerifier;
import com.freshscale.protocol.status.ScaleCommand;
import com.freshscale.protocol.status.ScaleStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale's sync stage: the API the app uses ({@link #recordSale}, {@link #currentPriceBook}) and the
 * MQTT side behind it (price-book subscription, outbox publisher, acks, retained status with an
 * {@code OFFLINE} Last Will, server commands). Everything works without a broker: sales queue in the
 * outbox and the scale prices from its last valid book.
 */
public final class ScaleSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleSync.class);
    /** Status is republished at most this often while only the outbox depth changes. */
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(10);

    private final SyncConfig config;
    private final SalesOutbox outbox;
    private final PriceBookKeeper priceBooks;
    private final ScaleHealth health;
    private final Rejection rejections = new Rejection();
    private final MqttLink link;
    private final OutboxPublisher publisher;
    private final Thread publisherThread;
    private final ScheduledExecutorService timer;
    private final Map<ScaleCommand.Command, Runnable> commandHandlers = new ConcurrentHashMap<>();
    private volatile ScaleStatus lastPublished;
    private final ScaleIdentity identity;
    private final PriceBookVerifier verifier;

    private ScaleSync(SyncConfig config, DeviceDatabase database, ScaleHealth health) {
        this.config = config;
        this.health = health;
        this.outbox = new SalesOutbox(database, config.outboxCapacity(), config.alarmThreshold());
        this.identity = new ScaleIdentity(Path.of(config.credentials()), config.storeId(), config.scaleId());
        this.verifier = new PriceBookVerifier(config.priceBookKeys().stream()
                .map(p -> Ed25519Keys.readPublic(Path.of(p))).toList());
        try {
            identity.enrollment().ifPresent(e -> verifier.trust(Ed25519Keys.parsePublic(e.priceBookKey())));
        } catch (RuntimeException e) {
            // a damaged file: the scale sells offline and says so; enrolling again writes a good one
            LOG.error("{}", e.getMessage());
        }
        this.priceBooks = new PriceBookKeeper(database, verifier, config.storeId(), rejections);
        String firmware = SoftwareVersion.of(ScaleSync.class);
        // the client id is the identity's user name (the broker refuses any other), read with the credentials
        MqttLink.Options opts = MqttLink.Options.defaults(config.brokerUrl(),
                        com.freshscale.protocol.mqtt.MqttCredentials.scaleUser(config.storeId(), config.scaleId()))
                .withCredentials(identity::credentials)
                // ssl://: only the broker certificate the scale received when it was enrolled is trusted
                .withSocketFactory(() -> identity.enrollment().map(com.freshscale.protocol.enrollment.Enrollment::brokerCertificate)
                        .map(pem -> (javax.net.SocketFactory) com.freshscale.protocol.mqtt.PinnedTls.socketFactory(
                                com.freshscale.protocol.mqtt.PinnedTls.parse(pem))).orElse(null))
                .withWindow(config.maxInFlight(), 64)
                .withSessionExpiry(Duration.ofHours(config.sessionExpiryHours()))
                .withWill(new MqttLink.Will(statusTopic(),
                        MessageCodec.encode(ScaleStatus.offline(config.storeId(), config.scaleId(), firmware)), true));
        this.link = new MqttLink(opts);
        this.publisher = new OutboxPublisher(outbox, link, config);
        this.publisherThread = new Thread(publisher, "outbox-publisher");
        this.publisherThread.setDaemon(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scale-status");
            t.setDaemon(true);
            return t;
        });
        commandHandlers.put(ScaleCommand.Command.REQUEST_STATUS, () -> publishStatus(true));
        commandHandlers.put(ScaleCommand.Command.RESEND_OUTBOX, publisher::reconnected);
    }

    /** Opens the outbox and price book in {@code database} and starts connecting to the broker. */
    public static ScaleSync start(SyncConfig config, DeviceDatabase database, ScaleHealth health) {
        ScaleSync s = new ScaleSync(config, database, health);
        s.wire();
        return s;
    }

    private void wire() {
        link.subscribe(Topics.priceBook(config.storeId()), 1, (topic, payload, retained) -> {
            String before = priceBooks.problem();
            boolean applied = priceBooks.receive(topic, payload);
            String after = priceBooks.problem();
            if (applied || after != null || before != null) publishStatus(true);
        });
        link.subscribe(Topics.acks(config.storeId(), config.scaleId()), 1, (topic, payload, retained) -> {
            try {
                publisher.acknowledged(MessageCodec.decodeAck(topic, payload));
            } catch (MessageRejectedException e) {
                rejections.record(topic, e);
            }
        });
        link.subscribe(Topics.commands(config.storeId(), config.scaleId()), 1, (topic, payload, retained) -> {
            try {
                ScaleCommand c = MessageCodec.decodeCommand(topic, payload);
                Runnable h = commandHandlers.get(c.command());
                if (h == null) LOG.warn("command {} is not handled on this scale", c.command());
                else h.run();
            } catch (MessageRejectedException e) {
                rejections.record(topic, e);
            }
        });
        link.onConnect(() -> {
            // the status first: it carries the weighing ranges HQ judges the sales by, which the outbox sends next
            publishStatus(true);
            publisher.reconnected();
        });
        publisherThread.start();
        timer.scheduleWithFixedDelay(() -> publishStatus(false), STATUS_INTERVAL.toSeconds(),
                STATUS_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        link.start();
    }

    /**
     * Records a sale durably (sale + outbox entry in one transaction); call before printing its label.
     * Throws {@link OutboxFullException} when the outbox is full: do not print then.
     */
    public void recordSale(Sale sale) {
        if (!sale.storeId().equals(config.storeId()) || !sale.scaleId().equals(config.scaleId())) {
            throw new IllegalArgumentException("sale " + sale.saleId() + " is not from this scale ("
                    + config.storeId() + "/" + config.scaleId() + ")");
        }
        boolean alarmBefore = outbox.alarm();
        outbox.record(sale);
        publisher.nudge();
        if (!alarmBefore && outbox.alarm()) {
            LOG.error("outbox nearly full: {} of {} sales unacknowledged", outbox.depth(), outbox.capacity());
            timer.execute(() -> publishStatus(true));
        }
    }

    /**
     * Records a sale durably before its label is sent, without sending it to HQ yet: HQ counts it once its
     * label printed ({@link #labelPrinted}); one whose label never printed is voided ({@link #voidSale}).
     * Throws {@link OutboxFullException} when the outbox is full: do not print then.
     */
    public void holdSale(Sale sale) {
        if (!sale.storeId().equals(config.storeId()) || !sale.scaleId().equals(config.scaleId())) {
            throw new IllegalArgumentException("sale " + sale.saleId() + " is not from this scale ("
                    + config.storeId() + "/" + config.scaleId() + ")");
        }
        outbox.hold(sale);
    }

    /** The label of sale {@code saleId} printed: the sale goes to HQ. False if it was not waiting for its label. */
    public boolean labelPrinted(String saleId) {
        return queued(outbox.release(saleId));
    }

    /** The label of {@code voided}'s sale never printed: HQ gets it as a voided sale, kept out of the takings. */
    public boolean voidSale(Sale voided, String reason) {
        return queued(outbox.voidSale(voided, reason));
    }

    /**
     * The printed label of sale {@code saleId} is void after the fact (its card payment reversed) as of {@code at}: HQ gets
     * it voided, with that time.
     */
    public boolean refundSale(String saleId, String reason, java.time.Instant at) {
        return queued(outbox.refund(saleId, reason, at));
    }

    private boolean queued(boolean queued) {
        if (!queued) return false;
        boolean alarm = outbox.alarm();
        publisher.nudge();
        if (alarm && outbox.depth() == outbox.alarmThreshold()) {
            LOG.error("outbox nearly full: {} of {} sales unacknowledged", outbox.depth(), outbox.capacity());
            timer.execute(() -> publishStatus(true));
        }
        return true;
    }

    /** The next sale number to print. */
    public long nextSaleNumber() {
        return outbox.nextSaleNumber();
    }

    /** The price book to price from: the last one that verified. Empty until the first arrives. */
    public Optional<PriceBook> currentPriceBook() {
        return priceBooks.current();
    }

    public PriceBookKeeper priceBooks() {
        return priceBooks;
    }

    public SalesOutbox outbox() {
        return outbox;
    }

    public Rejection rejections() {
        return rejections;
    }

    /** Connected to the broker and subscribed: price books, acks and commands reach the scale. */
    public boolean connected() {
        return link.isReady();
    }

    /** True once the scale has its MQTT identity (it was enrolled). */
    public boolean enrolled() {
        return identity.enrolled();
    }

    /**
     * Enrols the scale with a one-time code from the console: the server's answer (MQTT identity, price-book
     * key) is kept, the key trusted, and the scale connects at once.
     */
    public void enroll(String code) throws Enroller.EnrollmentRefusedException, InterruptedException {
        com.freshscale.protocol.enrollment.Enrollment e = new Enroller(config.serverUrl()).enroll(code, config.storeId(), config.scaleId());
        identity.save(e);
        verifier.trust(Ed25519Keys.parsePublic(e.priceBookKey()));
        LOG.info("enrolled as MQTT identity {}", e.mqttUser());
        link.reconnectNow();
    }

    /** Registers what to do on a server command (e.g. the vision stage for RELOAD_MODEL). */
    public void onCommand(ScaleCommand.Command command, Runnable handler) {
        commandHandlers.put(command, handler);
    }

    public ScaleStatus status() {
        return new ScaleStatus(ScaleStatus.SCHEMA, config.storeId(), config.scaleId(), ScaleStatus.State.ONLINE,
                Instant.now(), SoftwareVersion.of(ScaleSync.class), health.modelVersion(), priceBooks.version(),
                priceBooks.problem(), outbox.depth(), outbox.alarm(), health.printer(), health.weighingRanges(),
                health.timeZone());
    }

    private void publishStatus(boolean force) {
        ScaleStatus s = status();
        ScaleStatus last = lastPublished;
        if (!force && last != null && same(last, s)) return;
        try {
            if (link.publish(statusTopic(), MessageCodec.encode(s), true, Duration.ofSeconds(1), null)) lastPublished = s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean same(ScaleStatus a, ScaleStatus b) {
        return a.outboxDepth() == b.outboxDepth() && a.outboxAlarm() == b.outboxAlarm()
                && a.priceBookVersion() == b.priceBookVersion()
                && java.util.Objects.equals(a.priceBookProblem(), b.priceBookProblem())
                && java.util.Objects.equals(a.printer(), b.printer())
                && java.util.Objects.equals(a.modelVersion(), b.modelVersion())
                && java.util.Objects.equals(a.weighingRanges(), b.weighingRanges())
                && java.util.Objects.equals(a.timeZone(), b.timeZone());
    }

    private String statusTopic() {
        return Topics.status(config.storeId(), config.scaleId());
    }

    long resends() {
        return publisher.resends();
    }

    @Override
    public void close() {
        publisher.stop();
        publisherThread.interrupt();
        timer.shutdownNow();
        try {
            publisherThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a clean goodbye: the broker does not send the Will, so say offline ourselves
        try {
            ScaleStatus offline = ScaleStatus.offline(config.storeId(), config.scaleId(), SoftwareVersion.of(ScaleSync.class));
            link.publishAndWait(statusTopic(), MessageCodec.encode(offline), true, Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
        outbox.close();
    }
}
