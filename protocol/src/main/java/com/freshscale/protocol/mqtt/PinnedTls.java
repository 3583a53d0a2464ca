package com.freshscale.protocol.mqtt;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS to a broker whose certificate the scale pins: the one it received when it was enrolled. The connection is
 * accepted only if the broker presents exactly that certificate (byte for byte), whoever signed it and whatever
 * name it carries: a store server has no public name a CA could vouch for, and the pin is the stronger check
 * (a CA-signed certificate for another host, or a rogue CA, does not pass).
 */
public final class PinnedTls {
    private PinnedTls() {}

    public static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("not an X.509 certificate in PEM: " + e.getMessage(), e);
        }
    }

    /** PEM text of {@code cert}. */
    public static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A socket factory that trusts {@code pinned} and nothing else. */
    public static SSLSocketFactory socketFactory(X509Certificate pinned) {
        X509TrustManager onlyThis = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("no client certificates here");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain == null || chain.length == 0 || !chain[0].equals(pinned)) {
                    throw new CertificateException("the broker's certificate is not the one this scale was enrolled with");
                }
                chain[0].checkValidity();
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[] {pinned};
            }
        };
        try {
            SSLContext tls = SSLContext.getInstance("TLSv1.3");
            tls.init(null, new javax.net.ssl.TrustManager[] {onlyThis}, null);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS 1.3 in this JDK", e);
        }
    }
}
