package com.migomail.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Why the default transport cannot connect to the address the policy checked, on Java 17: each way a
 * client could be pointed at an address of our choosing is closed to a library.
 */
class JavaNetHttpCannotPinTest {

    /** Sending to the checked address literal under the endpoint's host name would need this. */
    @Test
    void theHostHeaderIsRestricted() {
        assertThatThrownBy(() -> HttpRequest.newBuilder(URI.create("https://93.184.215.14/hook"))
                .header("Host", "hooks.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("restricted header name: \"Host\"");
    }

    /** A per-client resolver would be a builder option; there is none, nor any that maps names to addresses. */
    @Test
    void theClientBuilderHasNoResolverOption() {
        assertThat(Arrays.stream(HttpClient.Builder.class.getMethods()).map(Method::getName)
                .map(name -> name.toLowerCase(java.util.Locale.ROOT)))
                .contains("proxy", "sslcontext")
                .noneMatch(name -> name.contains("resolv") || name.contains("dns") || name.contains("address")
                        || name.contains("socket") || name.contains("local"));
    }

    /**
     * The JVM-wide resolver hook ({@code java.net.spi.InetAddressResolverProvider}, JEP 418) came in
     * Java 18, and a service the whole JVM loads once is the application's to install, not a library's.
     */
    @Test
    void theJvmWideResolverHookDoesNotExistOnJava17() {
        assumeTrue(Runtime.version().feature() == 17, "only Java 17 lacks it");

        assertThatThrownBy(() -> Class.forName("java.net.spi.InetAddressResolverProvider"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
