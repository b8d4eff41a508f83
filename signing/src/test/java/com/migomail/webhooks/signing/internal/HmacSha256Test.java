package com.migomail.webhooks.signing.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.Provider;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.MacSpi;
import org.junit.jupiter.api.Test;

class HmacSha256Test {
    private static final byte[] KEY = "It's a Secret to Everybody".getBytes(UTF_8);
    private static final String GITHUB_VECTOR = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void computesGitHubsVectorFromParts() {
        byte[] mac = HmacSha256.withKey(KEY).compute("Hello, ".getBytes(UTF_8), "World!".getBytes(UTF_8));

        assertThat(HexFormat.of().formatHex(mac)).isEqualTo(GITHUB_VECTOR);
    }

    @Test
    void givesEachUseItsOwnMac() {
        HmacSha256 hmac = HmacSha256.withKey(KEY);

        assertThat(hmac.acquire()).isNotSameAs(hmac.acquire());
    }

    @Test
    void fallsBackToOneMacPerThreadWhenTheProviderCannotClone() throws Exception {
        Provider provider = new NonCloneableHmacProvider();
        Security.insertProviderAt(provider, 1);
        try {
            HmacSha256 hmac = HmacSha256.withKey(KEY);

            assertThat(hmac.acquire().getProvider()).isSameAs(provider);
            assertThat(hmac.acquire()).isSameAs(hmac.acquire());
            assertThat(computeConcurrently(hmac)).containsOnly(GITHUB_VECTOR);
        } finally {
            Security.removeProvider(provider.getName());
        }
    }

    private static List<String> computeConcurrently(HmacSha256 hmac) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> tasks = IntStream.range(0, 400).<Callable<String>>mapToObj(i ->
                    () -> HexFormat.of().formatHex(hmac.compute("Hello, World!".getBytes(UTF_8)))).toList();
            return pool.invokeAll(tasks).stream().map(HmacSha256Test::get).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A provider whose HmacSHA256 is correct but, like some hardware providers, not cloneable. */
    static final class NonCloneableHmacProvider extends Provider {
        private static final long serialVersionUID = 1L;

        NonCloneableHmacProvider() {
            super("NonCloneableHmacTest", "1.0", "HmacSHA256 without clone(), for tests");
            put("Mac.HmacSHA256", NonCloneableHmac.class.getName());
        }
    }

    /** Delegates to the JDK's implementation; MacSpi.clone() refuses because this is not Cloneable. */
    public static final class NonCloneableHmac extends MacSpi {
        private final Mac delegate;

        public NonCloneableHmac() throws GeneralSecurityException {
            delegate = Mac.getInstance("HmacSHA256", "SunJCE");
        }

        @Override
        protected int engineGetMacLength() {
            return delegate.getMacLength();
        }

        @Override
        protected void engineInit(Key key, AlgorithmParameterSpec params) throws InvalidKeyException {
            try {
                delegate.init(key, params);
            } catch (java.security.InvalidAlgorithmParameterException e) {
                throw new InvalidKeyException(e);
            }
        }

        @Override
        protected void engineUpdate(byte input) {
            delegate.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            delegate.update(input, offset, len);
        }

        @Override
        protected void engineUpdate(ByteBuffer input) {
            delegate.update(input);
        }

        @Override
        protected byte[] engineDoFinal() {
            return delegate.doFinal();
        }

        @Override
        protected void engineReset() {
            delegate.reset();
        }
    }
}
