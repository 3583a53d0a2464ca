package com.freshscale.protocol.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervised Eclipse Paho MQTT v5 client: the one way FreshScale talks MQTT, on the scale and the server.
 *
 * <p>Paho 1.2.5's automatic reconnect is not used (it can stop retrying and leak threads); instead one
 * supervisor thread connects with exponential backoff and jitter, and a watchdog reconnects whenever the
 * client is found disconnected. On every (re)connect all subscriptions are made again, because a broker
 * that lost the session has lost them too. Incoming messages are dispatched by the client's MqttCallback
 * (per-subscription listeners never fire for {@code $share/...} filters in Paho 1.2.5) to a handler
 * thread through a bounded queue. Paho's manual acks are not used: in 1.2.5 a PUBACK sent with
 * messageArrivedComplete from another thread waits until something else wakes Paho's sender, which
 * throttled and even stalled delivery. Reliability does not depend on MQTT acks anyway: a sale is
 * resent until the server's end-to-end ack. Publishes go through a
 * bounded in-flight window, since publishing past the broker's Receive Maximum makes Paho throw "Too many
 * publishes in progress".
 */
public final class MqttLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final int HANDLER_QUEUE = 1000;

    /** Called for each message that matches a subscription, on the link's single handler thread. */
    @FunctionalInterface
    public interface Handler {
        void onMessage(String topic, byte[] payload, boolean retained) throws Exception;
    }

    /** A message the broker publishes for us when it loses us (MQTT 5.0 §3.1.2.5). */
    public record Will(String topic, byte[] payload, boolean retained) {}

    /**
     * @param clientId          stable per scale/server instance, so the broker keeps its session
     * @param sessionExpiry     how long the broker keeps the session (and queued QoS 1 messages) while offline
     * @param maxInFlight       publishes awaiting PUBACK at once; kept at or below the broker's Receive Maximum
     * @param receiveMaximum    unacknowledged messages the broker may send us at once
     * @param credentials       read before every connect attempt (a scale's file may appear or change when it is
     *                          enrolled); the client id is then the identity's user name. Null: anonymous, with
     *                          {@code clientId} (only tests that play an intruder do that). A supplier that
     *                          returns null means "not enrolled yet": no attempt is made until it returns some.
     * @param socketFactory     for {@code ssl://} URLs, read before every connect attempt: the TLS socket factory that
     *                          trusts exactly the pinned broker certificate ({@link PinnedTls}; the pin replaces the
     *                          host name check), or null (or a null supplier) for the JVM's default trust
     */
    public record Options(
            String brokerUrl,
            String clientId,
            Duration sessionExpiry,
            Duration keepAlive,
            int maxInFlight,
            int receiveMaximum,
            Duration minBackoff,
            Duration maxBackoff,
            Will will,
            java.util.function.Supplier<MqttCredentials> credentials,
            java.util.function.Supplier<javax.net.SocketFactory> socketFactory) {
        public Options {
            Objects.requireNonNull(brokerUrl, "brokerUrl");
            Objects.requireNonNull(clientId, "clientId");
            MqttCredentials.requirePlainBrokerUrl(brokerUrl);
            if (maxInFlight < 1 || maxInFlight > 65535) throw new IllegalArgumentException("maxInFlight out of range");
            if (receiveMaximum < 1 || receiveMaximum > 65535) throw new IllegalArgumentException("receiveMaximum out of range");
        }

        public static Options defaults(String brokerUrl, String clientId) {
            // 10 is the Receive Maximum HiveMQ CE and Mosquitto grant by default
            return new Options(brokerUrl, clientId, Duration.ofDays(7), Duration.ofSeconds(30), 10, 64,
                    Duration.ofMillis(200), Duration.ofSeconds(30), null, null, null);
        }

        /** Defaults for an identity: its user name is the client id. */
        public static Options defaults(String brokerUrl, MqttCredentials credentials) {
            return defaults(brokerUrl, credentials.clientId()).withCredentials(() -> credentials);
        }

        public Options withWill(Will w) {
            return new Options(brokerUrl, clientId, sessionExpiry, keepAlive, maxInFlight, receiveMaximum,
                    minBackoff, maxBackoff, w, credentials, socketFactory);
        }

        public Options withWindow(int inFlight, int receive) {
            return new Options(brokerUrl, clientId, sessionExpiry, keepAlive, inFlight, receive,
                    minBackoff, maxBackoff, will, credentials, socketFactory);
        }

        public Options withBackoff(Duration min, Duration max) {
            return new Options(brokerUrl, clientId, sessionExpiry, keepAlive, maxInFlight, receiveMaximum, min, max, will,
                    credentials, socketFactory);
        }

        public Options withSessionExpiry(Duration expiry) {
            return new Options(brokerUrl, clientId, expiry, keepAlive, maxInFlight, receiveMaximum, minBackoff, maxBackoff, will,
                    credentials, socketFactory);
        }

        public Options withCredentials(java.util.function.Supplier<MqttCredentials> c) {
            return new Options(brokerUrl, clientId, sessionExpiry, keepAlive, maxInFlight, receiveMaximum, minBackoff, maxBackoff,
                    will, c, socketFactory);
        }

        public Options withSocketFactory(java.util.function.Supplier<javax.net.SocketFactory> f) {
            return new Options(brokerUrl, clientId, sessionExpiry, keepAlive, maxInFlight, receiveMaximum, minBackoff, maxBackoff,
                    will, credentials, f);
        }
    }

    private record Subscription(String filter, int qos, Handler handler) {}

    private final Options options;
    /** The current Paho client; replaced by a fresh one before every reconnect (see attemptConnect). */
    private volatile MqttAsyncClient client;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final List<Runnable> onConnect = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService supervisor;
    private final ExecutorService handlers;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile Semaphore window;
    private volatile long backoffMs;
    private volatile boolean everConnected;
    /** Connected, subscribed and on-connect actions run: messages to our subscriptions will arrive. */
    private volatile boolean ready;

    public MqttLink(Options options) {
        this.options = options;
        String name = "mqtt-" + options.clientId();
        this.supervisor = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-supervisor"));
        // bounded: when the handler falls behind, messageArrived blocks Paho's callback thread, Paho stops
        // reading the socket and TCP pushes back on the broker
        this.handlers = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(HANDLER_QUEUE), r -> daemon(r, name + "-handler"),
                (task, pool) -> {
                    try {
                        if (!pool.isShutdown()) pool.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        this.window = new Semaphore(options.maxInFlight());
        this.backoffMs = options.minBackoff().toMillis();
        this.client = newClient(options.clientId());
    }

    private MqttAsyncClient newClient(String clientId) {
        try {
            // memory persistence: our own outbox is the durable store; Paho's only holds what is in flight
            MqttAsyncClient c = new MqttAsyncClient(options.brokerUrl(), clientId, new MemoryPersistence());
            c.setCallback(new Callback(c));
            return c;
        } catch (MqttException e) {
            throw new IllegalArgumentException("bad MQTT broker URL or client id: " + e.getMessage(), e);
        }
    }

    /**
     * Drops a client that was connected before. Paho 1.2.5 keeps the in-flight state of the old connection
     * and replays it (stale PUBACKs, packet ids) on reconnect; a broker that lost the session answers with
     * a Protocol Error disconnect (reason 0x82), again and again. A fresh client starts clean; nothing is
     * lost because the outbox resends everything unacknowledged and the broker's session (if it kept one)
     * redelivers to the new client.
     */
    private void renewClient(String clientId) {
        MqttAsyncClient old = client;
        try {
            old.disconnectForcibly(0, 100, false);
        } catch (MqttException ignored) {
            // already disconnected
        }
        try {
            old.close(true);
        } catch (MqttException ignored) {
            // closing anyway
        }
        client = newClient(clientId);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Subscribes now if connected, and again on every reconnect. */
    public void subscribe(String filter, int qos, Handler handler) {
        subscriptions.put(filter, new Subscription(filter, qos, handler));
        if (client.isConnected()) {
            try {
                client.subscribe(new MqttSubscription(filter, qos));
            } catch (MqttException e) {
                LOG.warn("subscribe {} failed, will retry on reconnect: {}", filter, e.getMessage());
            }
        }
    }

    /** Runs {@code action} on the supervisor thread after every successful (re)connect and resubscribe. */
    public void onConnect(Runnable action) {
        onConnect.add(action);
    }

    /** Starts connecting in the background; returns at once (a scale must work with no broker). */
    public MqttLink start() {
        supervisor.execute(this::attemptConnect);
        // the watchdog: Paho can end up disconnected without telling us (lost callbacks, failed reconnects)
        supervisor.scheduleWithFixedDelay(() -> {
            // an exception escaping a periodic task cancels it for good (ScheduledExecutorService): the scale would
            // never reconnect again, so nothing may escape
            try {
                if (!closed.get() && !client.isConnected() && !connecting.get()) attemptConnect();
            } catch (RuntimeException e) {
                LOG.error("MQTT watchdog: {}", e.toString());
            }
        }, 2, 2, TimeUnit.SECONDS);
        return this;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Connects now instead of at the end of the current back-off, e.g. right after the scale was enrolled and
     * has credentials; a connection that is up is dropped and made again with the credentials read afresh.
     */
    public void reconnectNow() {
        if (closed.get()) return;
        supervisor.execute(() -> {
            backoffMs = options.minBackoff().toMillis();
            if (client.isConnected()) forceDisconnect();
            attemptConnect();
        });
    }

    /** Connected and every subscription confirmed by the broker. */
    public boolean isReady() {
        return ready && client.isConnected();
    }

    /** Successful connects so far (the first one included). */
    public long connects() {
        return connects.get();
    }

    /** Waits up to {@code timeout} until connected and subscribed. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!isReady()) {
            if (System.nanoTime() > end) return false;
            Thread.sleep(20);
        }
        return true;
    }

    private void attemptConnect() {
        if (closed.get() || client.isConnected() || !connecting.compareAndSet(false, true)) return;
        MqttCredentials credentials = null;
        if (options.credentials() != null) {
            try {
                credentials = options.credentials().get();
            } catch (RuntimeException e) {
                LOG.warn("MQTT credentials unreadable: {}", e.getMessage());
            }
            if (credentials == null) {
                // not enrolled yet (or the file is broken): try again later, the technician may be enrolling now
                if (failedAttempts.incrementAndGet() == 1) LOG.warn("no MQTT credentials yet: not connecting to {}", options.brokerUrl());
                connecting.set(false);
                scheduleRetry();
                return;
            }
        }
        MqttConnectionOptions o = new MqttConnectionOptions();
        if (credentials != null) {
            o.setUserName(credentials.userName());
            o.setPassword(credentials.passwordBytes());
        }
        javax.net.SocketFactory pinned = options.socketFactory() == null ? null : options.socketFactory().get();
        if (pinned != null) {
            o.setSocketFactory(pinned);
            o.setHttpsHostnameVerificationEnabled(false); // the certificate itself is pinned (PinnedTls)
        }
        o.setCleanStart(false);
        o.setSessionExpiryInterval(options.sessionExpiry().toSeconds());
        o.setKeepAliveInterval((int) options.keepAlive().toSeconds());
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setReceiveMaximum(options.receiveMaximum());
        if (options.will() != null) {
            MqttMessage will = new MqttMessage(options.will().payload(), 1, options.will().retained(), new MqttProperties());
            o.setWill(options.will().topic(), will);
        }
        ready = false;
        try {
            String clientId = credentials != null ? credentials.clientId() : options.clientId();
            if (everConnected || !client.getClientId().equals(clientId)) renewClient(clientId);
            IMqttToken t = client.connect(o);
            t.waitForCompletion(15_000);
            backoffMs = options.minBackoff().toMillis();
            failedAttempts.set(0);
            // connectComplete() runs the rest (resubscribe, listeners)
        } catch (MqttException | RuntimeException e) {
            // a RuntimeException too (Paho throws some on a client in a bad state): it is a failed attempt, and
            // the retry must still be scheduled
            long n = failedAttempts.incrementAndGet();
            if (n == 1 || n % 20 == 0) {
                LOG.warn("MQTT connect to {} failed ({} attempts): {}", options.brokerUrl(), n, e.getMessage());
            }
            scheduleRetry();
        } finally {
            connecting.set(false);
        }
    }

    private void scheduleRetry() {
        if (closed.get()) return;
        long delay = backoffMs + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
        backoffMs = Math.min(options.maxBackoff().toMillis(), backoffMs * 2);
        supervisor.schedule(this::attemptConnect, delay, TimeUnit.MILLISECONDS);
    }

    private void afterConnect(boolean reconnect) {
        everConnected = true;
        connects.incrementAndGet();
        // a fresh window per connection: tokens of a dropped connection may never complete
        window = new Semaphore(options.maxInFlight());
        LOG.info("MQTT {} to {} as {}", reconnect ? "reconnected" : "connected", options.brokerUrl(), client.getClientId());
        if (!subscriptions.isEmpty()) {
            MqttSubscription[] subs = subscriptions.values().stream()
                    .map(s -> new MqttSubscription(s.filter(), s.qos())).toArray(MqttSubscription[]::new);
            try {
                client.subscribe(subs).waitForCompletion(15_000);
            } catch (MqttException e) {
                LOG.warn("resubscribe failed, reconnecting: {}", e.getMessage());
                forceDisconnect();
                return;
            }
        }
        ready = true;
        for (Runnable r : onConnect) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("on-connect action failed: {}", e.toString());
            }
        }
    }

    private void forceDisconnect() {
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException ignored) {
            // the watchdog reconnects
        }
    }

    /**
     * Publishes at QoS 1 within the in-flight window. Returns false (nothing sent) when not connected or
     * when no window slot frees within {@code wait}; the caller keeps the data and tries again later.
     * {@code done} runs with true on PUBACK, false on failure.
     */
    public boolean publish(String topic, byte[] payload, boolean retained, Duration wait,
                           java.util.function.Consumer<Boolean> done) throws InterruptedException {
        if (!client.isConnected()) return false;
        Semaphore w = window;
        if (!w.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) return false;
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) w.release();
        };
        try {
            MqttMessage m = new MqttMessage(payload, 1, retained, new MqttProperties());
            client.publish(topic, m, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    release.run();
                    if (done != null) done.accept(true);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    release.run();
                    if (done != null) done.accept(false);
                }
            });
            return true;
        } catch (MqttException e) {
            release.run();
            // e.g. REASON_CODE_MAX_INFLIGHT or a connection that just dropped: transient, caller retries
            LOG.debug("publish to {} not accepted: {}", topic, e.getMessage());
            return false;
        }
    }

    /** Publishes and waits for the PUBACK; false if not connected or not acknowledged within {@code timeout}. */
    public boolean publishAndWait(String topic, byte[] payload, boolean retained, Duration timeout)
            throws InterruptedException {
        java.util.concurrent.CompletableFuture<Boolean> f = new java.util.concurrent.CompletableFuture<>();
        if (!publish(topic, payload, retained, timeout, f::complete)) return false;
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        supervisor.shutdownNow();
        try {
            if (client.isConnected()) client.disconnect(2000).waitForCompletion(3000);
        } catch (MqttException e) {
            forceDisconnect();
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // closing anyway
        }
        handlers.shutdownNow();
        try {
            supervisor.awaitTermination(5, TimeUnit.SECONDS);
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {
            if (closed.get() || owner != client) return;
            ready = false;
            LOG.warn("MQTT connection to {} lost: {}", options.brokerUrl(), r.getReasonString() != null
                    ? r.getReasonString() : String.valueOf(r.getException()));
            supervisor.execute(() -> scheduleRetry());
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("MQTT error: {}", e.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            handlers.execute(() -> {
                try {
                    for (Subscription s : subscriptions.values()) {
                        if (TopicFilter.matches(s.filter(), topic)) {
                            s.handler().onMessage(topic, message.getPayload(), message.isRetained());
                        }
                    }
                } catch (Exception e) {
                    // handlers reject bad input themselves; this is a bug or a database failure. Nothing is
                    // lost: sales are resent by the scale until the server's end-to-end ack
                    LOG.error("handler for {} failed", topic, e);
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publish completions are handled by each publish's listener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (owner != client) return;
            supervisor.execute(() -> afterConnect(reconnect));
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
