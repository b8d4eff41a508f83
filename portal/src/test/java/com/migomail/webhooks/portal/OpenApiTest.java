package com.migomail.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.migomail.webhooks.portal.internal.ApiRoute;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document's paths and methods are exactly the routes the router serves. */
class OpenApiTest extends PortalTestSupport {

    @Test
    void documentedRoutesAreExactlyTheServedOnes() {
        Browser browser = signedIn(ACME);
        JsonNode document = browser.get("api/v1/openapi.json").json();
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = document.get("paths").fieldNames(); paths.hasNext();) {
            String path = paths.next();
            for (Iterator<String> methods = document.get("paths").get(path).fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        Set<String> served = new TreeSet<>();
        for (ApiRoute route : ApiRoute.values()) {
            served.add(route.method() + " /api/v1/" + route.template());
        }
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void everyDocumentedRouteIsAnsweredByTheHandler() {
        Browser browser = signedIn(ACME);
        JsonNode paths = browser.get("api/v1/openapi.json").json().get("paths");
        for (Iterator<String> names = paths.fieldNames(); names.hasNext();) {
            String path = names.next();
            for (Iterator<String> methods = paths.get(path).fieldNames(); methods.hasNext();) {
                String method = methods.next().toUpperCase(Locale.ROOT);
                String concrete = path.substring(1).replace("{endpointId}", "ep_none").replace("{eventId}", "evt_none");
                int status = browser.send(concrete, method, "application/json", "{}").status();
                assertThat(status).as(method + " " + path).isNotIn(405, 501).isNotEqualTo(404 * (path.contains("{") ? 0 : 1));
            }
        }
    }

    @Test
    void everyOperationDocumentsItsProblemsAndCsrfForChanges() {
        JsonNode paths = signedIn(ACME).get("api/v1/openapi.json").json().get("paths");
        for (ApiRoute route : ApiRoute.values()) {
            JsonNode operation = paths.get("/api/v1/" + route.template()).get(route.method().toLowerCase(Locale.ROOT));
            assertThat(operation.get("responses").has("401")).as(route.toString()).isTrue();
            boolean csrf = operation.has("parameters") && operation.get("parameters").toString().contains("CsrfToken");
            assertThat(csrf).as(route.toString()).isEqualTo(route.changesState());
            if (route.changesState()) {
                assertThat(operation.get("responses").has("403")).as(route.toString()).isTrue();
            }
        }
    }
}
