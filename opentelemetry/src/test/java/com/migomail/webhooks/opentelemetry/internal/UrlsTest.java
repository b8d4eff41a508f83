package com.migomail.webhooks.opentelemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void keepsAUrlWithoutQueryAsItIs() {
        assertThat(Urls.redacted(URI.create("https://hooks.example.com/migomail/in"))).isEqualTo(
                "https://hooks.example.com/migomail/in");
    }

    @Test
    void replacesEveryQueryValueAndAParameterWithoutOneWhole() {
        assertThat(Urls.redacted(URI.create("https://hooks.example.com/in?token=s3cret&team=mail&abc123&empty=")))
                .isEqualTo("https://hooks.example.com/in?token=REDACTED&team=REDACTED&REDACTED&empty=REDACTED");
    }

    @Test
    void dropsUserInfoAndFragment() {
        assertThat(Urls.redacted(URI.create("https://user:pass@hooks.example.com:8443/in#part")))
                .isEqualTo("https://hooks.example.com:8443/in");
    }

    @Test
    void theServerPortIsTheExplicitOneElseTheSchemesDefault() {
        assertThat(Urls.port(URI.create("https://hooks.example.com/in"))).isEqualTo(443);
        assertThat(Urls.port(URI.create("http://hooks.example.com/in"))).isEqualTo(80);
        assertThat(Urls.port(URI.create("https://hooks.example.com:8443/in"))).isEqualTo(8443);
    }

    @Test
    void theServerAddressOfAnIpv6LiteralHasNoBrackets() {
        assertThat(Urls.host(URI.create("https://[2001:db8::1]:8443/in"))).isEqualTo("2001:db8::1");
        assertThat(Urls.host(URI.create("https://hooks.example.com/in"))).isEqualTo("hooks.example.com");
    }
}
