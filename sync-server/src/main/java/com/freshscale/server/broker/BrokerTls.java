package com.freshscale.server.broker;

import com.freshscale.protocol.mqtt.PinnedTls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;

/**
 * The embedded broker's TLS listener: its port and the keystore (PKCS#12 or JKS, e.g. made with
 * {@code keytool -genkeypair -keyalg EC -groupname secp256r1 -storetype PKCS12}) holding its key and certificate.
 * Enrollment hands the certificate to each scale, which then trusts that one certificate and nothing else.
 */
public record BrokerTls(int port, Path keystore, char[] password) {
    public BrokerTls {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("the MQTT TLS port must be 1-65535");
        if (!Files.isRegularFile(keystore)) throw new IllegalArgumentException("no TLS keystore at " + keystore);
        password = password.clone();
        certificate(keystore, password); // fails now, with the reason, rather than when the first scale connects
    }

    /** The broker's certificate, as PEM, for the scales to pin. */
    public String certificatePem() {
        return PinnedTls.pem(certificate(keystore, password));
    }

    private static X509Certificate certificate(Path keystore, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType()); // PKCS#12, which also reads JKS (JDK 9+)
            ks.load(in, password);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate c) return c;
            }
            throw new IllegalArgumentException("the TLS keystore " + keystore + " has no key with a certificate");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "BrokerTls[" + port + ", " + keystore + ", password hidden]";
    }
}
