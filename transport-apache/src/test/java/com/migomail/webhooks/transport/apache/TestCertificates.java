package com.migomail.webhooks.transport.apache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed test server certificates (EC P-256, valid 2000 to 2109), and TLS contexts that serve
 * or trust them. The JDK has no public API to issue a certificate and keytool takes seconds per key
 * on a busy machine, so the key stores were made once, in src/test/resources/tls, by:
 *
 * <pre>
 * keytool -genkeypair -alias server -keyalg EC -groupname secp256r1 -dname "CN=test server" \
 *     -ext SAN=dns:example.test -startdate 2000/01/01 -validity 40000 \
 *     -storetype PKCS12 -keystore example-test.p12 -storepass changeit -keypass changeit
 * </pre>
 *
 * <p>and the same with {@code SAN=dns:localhost} ({@code localhost.p12}) and
 * {@code SAN=ip:127.0.0.1} ({@code address-only.p12}).
 */
final class TestCertificates {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private TestCertificates() {}

    /** The key store {@code tls/<name>.p12}: one key pair and its certificate, alias {@code server}. */
    static KeyStore load(String name) throws GeneralSecurityException {
        try (InputStream in = TestCertificates.class.getResourceAsStream("/tls/" + name + ".p12")) {
            if (in == null) {
                throw new IllegalArgumentException("no test key store " + name);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server context presenting the store's certificate. */
    static SSLContext serving(KeyStore store) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client context trusting exactly the store's certificate. */
    static SSLContext trusting(KeyStore store) throws GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try {
            trusted.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        trusted.setCertificateEntry("server", store.getCertificate("server"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
