package com.freshscale.server.app;

import com.freshscale.protocol.codec.Rejection;
import com.freshscale.protocol.mqtt.MqttCredentials;
import com.freshscale.protocol.mqtt.MqttLink;
import com.freshscale.protocol.signing.Ed25519Keys;
import com.freshscale.protocol.signing.PriceBookSigner;
import com.freshscale.server.auth.Accounts;
import com.freshscale.server.auth.Guard;
import com.freshscale.server.auth.LoginThrottle;
import com.freshscale.server.auth.Sessions;
import com.freshscale.server.broker.EmbeddedBroker;
import com.freshscale.server.http.HttpApi;
import com.freshscale.server.identity.Enrollments;
import com.freshscale.server.identity.Identities;
import com.freshscale.server.ingest.SalesIngest;
import com.freshscale.server.prices.PriceBookPublisher;
import com.freshscale.server.prices.PriceRepository;
import com.freshscale.server.sales.SalesQueries;
import com.freshscale.server.scales.ScaleTracker;
import com.freshscale.server.store.ServerDatabase;
import com.freshscale.server.till.ReconciliationReport;
import com.freshscale.server.till.TillRoutes;
import com.freshscale.server.till.TillScans;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running sync server: database, broker (embedded or external), ingest, price books, HTTP API. */
public final class ServerApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerApp.class);

    /**
     * @param brokerUrl   external broker, or null to embed HiveMQ CE on {@code mqttPort}
     * @param dbUrl       JDBC URL, or null for {@code <dataDir>/freshscale.db} (SQLite)
     * @param signingKey  Ed25519 private key (PEM; created with its .pub on first start), or null for
     *                    {@code <dataDir>/pricebook-signing.key}
     * @param instanceId  distinguishes server instances sharing a broker (MQTT client id)
     * @param businessZone the time zone of the chain's business day: a sale belongs to the day (for HQ's
     *                     reports) on which the store's clock showed it, not the UTC date
     * @param secureCookies mark the console's session cookie Secure (the console is reached over HTTPS, through
     *                      a TLS reverse proxy)
     * @param sessionIdle   a console session ends after this long without a request
     * @param mqttCredentials this instance's identity on an external broker (made with {@code mqtt add-server});
     *                        null with the embedded broker, where the server issues its own at every start
     * @param mqttTls         the embedded broker's TLS listener (its certificate goes to every scale enrolled), or null
     */
    public record Options(Path dataDir, String brokerUrl, String mqttBind, int mqttPort, String dbUrl,
                          String httpHost, int httpPort, Path signingKey, String instanceId, java.time.ZoneId businessZone,
                          boolean secureCookies, Duration sessionIdle, MqttCredentials mqttCredentials,
                          com.freshscale.server.broker.BrokerTls mqttTls) {
        public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);

        public Options {
            MqttCredentials.requirePlainBrokerUrl(brokerUrl);
            if (brokerUrl != null && mqttCredentials == null) {
                throw new IllegalArgumentException("an external broker needs this instance's MQTT credentials (--mqtt-password-file; "
                        + "make them with `freshscale-server mqtt add-server`)");
            }
        }

        /** Plain-HTTP cookies and the default idle time (tests, benchmarks, the demo). */
        public Options(Path dataDir, String brokerUrl, String mqttBind, int mqttPort, String dbUrl, String httpHost, int httpPort,
                       Path signingKey, String instanceId, java.time.ZoneId businessZone, MqttCredentials mqttCredentials) {
            this(dataDir, brokerUrl, mqttBind, mqttPort, dbUrl, httpHost, httpPort, signingKey, instanceId, businessZone, false,
                    DEFAULT_SESSION_IDLE, mqttCredentials, null);
        }

        /** The same with the embedded broker. */
        public Options(Path dataDir, String mqttBind, int mqttPort, String dbUrl, String httpHost, int httpPort,
                       Path signingKey, String instanceId, java.time.ZoneId businessZone) {
            this(dataDir, null, mqttBind, mqttPort, dbUrl, httpHost, httpPort, signingKey, instanceId, businessZone, null);
        }

        public Options withMqttTls(com.freshscale.server.broker.BrokerTls tls) {
            return new Options(dataDir, brokerUrl, mqttBind, mqttPort, dbUrl, httpHost, httpPort, signingKey, instanceId, businessZone,
                    secureCookies, sessionIdle, mqttCredentials, tls);
        }

        public String db() {
            return dbUrl != null ? dbUrl : "jdbc:sqlite:" + dataDir.resolve("freshscale.db");
        }

        public Path key() {
            return signingKey != null ? signingKey : dataDir.resolve("pricebook-signing.key");
        }
    }

    private final EmbeddedBroker broker;
    private final ServerDatabase database;
    private final MqttLink link;
    private final SalesIngest ingest;
    private final PriceBookPublisher publisher;
    private final PriceRepository prices;
    private final HttpApi http;
    private final Rejection rejections = new Rejection();
    private final Path publicKey;
    private final Accounts accounts;
    private final Identities identities;
    private final Enrollments enrollments;
    private final TillScans tillScans;

    private ServerApp(Options o) {
        this.database = ServerDatabase.open(o.db());
        var keys = Ed25519Keys.loadOrCreate(o.key());
        this.publicKey = o.key().resolveSibling(o.key().getFileName() + ".pub");
        this.identities = new Identities(database, Clock.systemUTC());
        this.enrollments = new Enrollments(database, identities, Clock.systemUTC());
        this.broker = o.brokerUrl() == null ? EmbeddedBroker.start(o.dataDir(), o.mqttBind(), o.mqttPort(), true, identities,
                o.mqttTls()) : null;
        String url = broker != null ? broker.url() : o.brokerUrl();
        // with the embedded broker the server gives itself a fresh password at every start (only the hash is
        // kept, and nothing else needs it); on an external broker it is the identity the operator made
        MqttCredentials self = broker != null ? identities.issueServer(o.instanceId()) : o.mqttCredentials();
        // the server's one client: ingest, acks, status, price books; a wide window for acks to many scales
        this.link = new MqttLink(MqttLink.Options.defaults(url, self)
                .withWindow(broker != null ? EmbeddedBroker.SERVER_RECEIVE_MAXIMUM : 10, 64)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(10)));
        this.publisher = new PriceBookPublisher(database, link, new PriceBookSigner(keys));
        AtomicReference<PriceBookPublisher> pub = new AtomicReference<>(publisher);
        this.prices = new PriceRepository(database, () -> pub.get().nudge());
        com.freshscale.server.ingest.BusinessDays businessDays = new com.freshscale.server.ingest.BusinessDays(database, o.businessZone());
        // the weighing ranges the scales report in their status: the tracker keeps them, the ingest judges nets by them
        com.freshscale.server.scales.ScaleRanges ranges = new com.freshscale.server.scales.ScaleRanges(database);
        this.ingest = new SalesIngest(database, link, rejections, broker == null, businessDays,
                new com.freshscale.protocol.signing.PriceBookVerifier(java.util.List.of(keys.getPublic())), ranges);
        // the zones the business days are counted in: a scale whose labels are dated in another is listed with a warning
        ScaleTracker scales = new ScaleTracker(database, rejections, identities, ranges, businessDays);
        this.accounts = new Accounts(database);
        LoginThrottle throttle = new LoginThrottle(database, Clock.systemUTC());
        Guard guard = new Guard(accounts, new Sessions(accounts, o.sessionIdle(), Clock.systemUTC()), throttle, o.secureCookies(),
                Clock.systemUTC());
        this.http = new HttpApi(prices, publisher, new SalesQueries(database), scales, ingest, guard);
        com.freshscale.server.console.ConsoleRoutes.register(http.javalin(), database, o.businessZone());
        com.freshscale.server.identity.EnrollmentRoutes.register(http.javalin(), enrollments, identities, broker, publicKey,
                broker != null && o.mqttTls() != null ? o.mqttTls().certificatePem() : null, throttle);
        this.tillScans = new TillScans(database, businessDays, Clock.systemUTC());
        TillRoutes.register(http.javalin(), tillScans, new ReconciliationReport(database), prices, businessDays);
        ingest.start();
        scales.start(link);
        publisher.start();
        link.start();
        http.start(o.httpHost(), o.httpPort());
        if (!accounts.any()) {
            // no account, no console: nobody can change prices or command scales until HQ creates one. Sales
            // ingest and price-book publishing run regardless, so nothing is lost meanwhile.
            LOG.warn("no user account yet: the console and the HTTP API refuse every request until one exists. Create it with "
                    + "`freshscale-server user add <name> --role hq` (same --data-dir/--db as run; the password is read from stdin).");
        }
        LOG.info("FreshScale server: MQTT {} ({}), database {}, HTTP {}:{}, price-book public key {}", url,
                broker != null ? "embedded" : "external", database.describe(), o.httpHost(), http.port(), publicKey);
    }

    public static ServerApp start(Options options) {
        return new ServerApp(options);
    }

    /** The embedded broker's URL (null with an external broker): for tests that connect as an enrolled scale. */
    public String embeddedBrokerUrl() {
        return broker == null ? null : broker.url();
    }

    public int httpPort() {
        return http.port();
    }

    public SalesIngest ingest() {
        return ingest;
    }

    public PriceRepository prices() {
        return prices;
    }

    public PriceBookPublisher publisher() {
        return publisher;
    }

    public Accounts accounts() {
        return accounts;
    }

    public Identities identities() {
        return identities;
    }

    public Enrollments enrollments() {
        return enrollments;
    }

    /** The embedded broker, or null with an external one. */
    public EmbeddedBroker broker() {
        return broker;
    }

    public TillScans tillScans() {
        return tillScans;
    }

    public ServerDatabase database() {
        return database;
    }

    public MqttLink link() {
        return link;
    }

    public Rejection rejections() {
        return rejections;
    }

    /** The file scales install to verify this server's price books. */
    public Path publicKey() {
        return publicKey;
    }

    @Override
    public void close() {
        http.close();
        publisher.close();
        ingest.close();
        link.close();
        if (broker != null) broker.close();
    }
}
