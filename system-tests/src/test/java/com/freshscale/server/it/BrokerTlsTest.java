package com.freshscale.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.freshscale.device.sync.ScaleSync;
import com.freshscale.device.sync.SyncConfig;
import com.freshscale.server.app.ServerApp;
import com.freshscale.server.broker.BrokerTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's TLS listener: a scale enrolled over HTTP receives the broker's certificate and pins it; it
 * connects over {@code ssl://} and syncs. A broker with another certificate (a man in the middle) is refused.
 */
class BrokerTlsTest {
    @TempDir
    Path dir;

    /** A PKCS#12 keystore with a new EC key and self-signed certificate, made by the JDK's keytool. */
    static Path keystore(Path dir, String name, String password) throws Exception {
        Path ks = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-validity", "30", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", password,
                "-keypass", password).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        return ks;
    }

    @Test
    void aScalePinsTheBrokerCertificateItWasEnrolledWith() throws Exception {
        char[] pw = "keystore-pw".toCharArray();
        Path good = keystore(dir, "store-server", "keystore-pw");
        int plain = Net.freePort();
        int tlsPort = Net.freePort();
        try (ServerApp server = ServerApp.start(new ServerApp.Options(dir.resolve("server"), "127.0.0.1", plain, null, "127.0.0.1", 0,
                null, "tls", java.time.ZoneId.of("Europe/Berlin")).withMqttTls(new BrokerTls(tlsPort, good, pw)))) {
            long v = TestServer.bananas(server.database(), "s1");
            String http = "http://127.0.0.1:" + server.httpPort();
            SyncConfig cfg = new SyncConfig("s1", "t1", "ssl://127.0.0.1:" + tlsPort, List.of(), 1000, 90, 100, 5, 10, 24,
                    dir.resolve("t1.json").toString(), http);
            ScaleSync scale = Scale.start(dir.resolve("t1.db"), cfg);
            try {
                scale.enroll(server.enrollments().create("s1", "t1", "test").code());
                assertThat(Files.readString(dir.resolve("t1.json"))).contains("BEGIN CERTIFICATE");
                await().atMost(Duration.ofSeconds(60)).until(() -> scale.connected()
                        && scale.currentPriceBook().map(b -> b.version() == v).orElse(false));
                Scale.sell(scale, "s1", "t1", 3);
                await().atMost(Duration.ofSeconds(60)).until(() -> scale.outbox().depth() == 0);
            } finally {
                scale.close();
            }

            // the same scale's identity, but the file pins another certificate: no connection
            Path other = keystore(dir, "impostor", "keystore-pw");
            String otherPem = new BrokerTls(1, other, pw).certificatePem();
            var e = com.freshscale.protocol.codec.MessageCodec.decode(Files.readAllBytes(dir.resolve("t1.json")),
                    com.freshscale.protocol.enrollment.Enrollment.class, 1, 1 << 16);
            Path pinnedWrong = dir.resolve("t2.json");
            Files.write(pinnedWrong, com.freshscale.protocol.codec.MessageCodec.encode(new com.freshscale.protocol.enrollment.Enrollment(
                    1, e.storeId(), e.scaleId(), e.mqttUser(), e.mqttPassword(), e.priceBookKey(), otherPem)));
            SyncConfig wrong = new SyncConfig("s1", "t1", "ssl://127.0.0.1:" + tlsPort, List.of(), 1000, 90, 100, 5, 10, 24,
                    pinnedWrong.toString(), http);
            ScaleSync refused = Scale.start(dir.resolve("t2.db"), wrong);
            try {
                Thread.sleep(5000);
                assertThat(refused.connected()).isFalse();
            } finally {
                refused.close();
            }
        }
    }
}
