package com.migomail.webhooks.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jar's generated configuration metadata, which IDEs complete {@code migomail.webhooks.*} from. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyIsDescribed() throws IOException {
        List<String> undescribed = new ArrayList<>();
        for (JsonNode property : metadata().get("properties")) {
            if (property.path("description").asText().isBlank()) {
                undescribed.add(property.get("name").asText());
            }
        }

        assertThat(metadata().get("properties")).hasSizeGreaterThanOrEqualTo(35);
        assertThat(undescribed).isEmpty();
    }

    @Test
    void namesThePropertiesTheReadmeDocuments() throws IOException {
        List<String> names = new ArrayList<>();
        metadata().get("properties").forEach(property -> names.add(property.get("name").asText()));

        assertThat(names).contains("migomail.webhooks.sender.enabled", "migomail.webhooks.sender.retry-schedule",
                "migomail.webhooks.sender.address-policy", "migomail.webhooks.store.migrate",
                "migomail.webhooks.store.key-encryption-keys", "migomail.webhooks.store.plain-text-secrets",
                "migomail.webhooks.receiver.secrets", "migomail.webhooks.receiver.max-body-size",
                "migomail.webhooks.portal.enabled", "migomail.webhooks.portal.path",
                "migomail.webhooks.metrics.enabled", "migomail.webhooks.metrics.backlog-interval",
                "migomail.webhooks.metrics.tenant-tags", "migomail.webhooks.metrics.endpoint-tags",
                "migomail.webhooks.tracing.enabled", "management.health.webhooks.enabled");
    }

    private static JsonNode metadata() throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
