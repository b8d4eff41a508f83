package com.migomail.webhooks.signing;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;

/**
 * Counts the Ed25519 verifications the calling thread makes through the JCA, the path the verifier
 * takes: while {@link #install()}ed, a provider ahead of the JDK's answers
 * {@code Signature.getInstance("Ed25519")} with a signature that delegates to SunEC and counts each
 * {@code verify}. Close it to remove the provider. For one test thread at a time.
 */
final class CountingEd25519 implements AutoCloseable {
    private static final String NAME = "CountingEd25519";
    private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);

    private CountingEd25519() {}

    static CountingEd25519 install() {
        Provider provider = new Provider(NAME, "1", "counts Ed25519 verifications") {
            private static final long serialVersionUID = 1L;

            {
                putService(new Service(this, "Signature", "Ed25519", Counting.class.getName(), null, null) {
                    @Override
                    public Object newInstance(Object parameter) {
                        return new Counting();
                    }
                });
            }
        };
        if (Security.insertProviderAt(provider, 1) != 1) {
            throw new IllegalStateException("could not install the counting provider first");
        }
        COUNT.get()[0] = 0;
        return new CountingEd25519();
    }

    /** Verifications on this thread since {@link #install()}. */
    int verifications() {
        return COUNT.get()[0];
    }

    @Override
    public void close() {
        Security.removeProvider(NAME);
    }

    private static final class Counting extends SignatureSpi {
        private final Signature delegate;

        Counting() {
            try {
                delegate = Signature.getInstance("Ed25519", "SunEC");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            delegate.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            delegate.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] bytes, int offset, int length) throws SignatureException {
            delegate.update(bytes, offset, length);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return delegate.sign();
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            COUNT.get()[0]++;
            return delegate.verify(signature);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
