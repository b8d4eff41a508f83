package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.portal.PortalServer;
import com.migomail.webhooks.portal.WebhookPortal;
import com.migomail.webhooks.store.TenantId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The README's portal examples: building a portal, a magic link, the authenticator, the standalone server. */
final class PortalExamples {
    private PortalExamples() {}

    /** The host's own sessions, as far as the portal example needs them. */
    interface AppSessions {
        Optional<TenantId> tenantOf(String sessionCookie);
    }

    static URI magicLink(WebhookSender sender, byte[] portalKey) {
        WebhookPortal portal = WebhookPortal.builder()
                .sender(sender)                                          // the sender the portal shows and changes
                .signingKey(portalKey)                                   // 32+ bytes, the same on every node
                .publicUrl(URI.create("https://app.example.com/webhooks/"))
                .build();

        URI link = portal.linkFor(TenantId.of("acme"), Duration.ofMinutes(15));
        // https://app.example.com/webhooks/login?token=… : open once, within 15 minutes
        return link;
    }

    static WebhookPortal withAuthenticator(WebhookSender sender, AppSessions appSessions) {
        WebhookPortal portal = WebhookPortal.builder()
                .sender(sender)
                .authenticator(request -> request.cookie("app_session")   // the host's own session cookie
                        .flatMap(appSessions::tenantOf))                  // empty: 401
                .frameAncestors("'self'")                                 // the host's dashboard may frame it
                .build();
        return portal;
    }

    static PortalServer standalone(WebhookPortal portal) {
        PortalServer server = PortalServer.start(portal, new InetSocketAddress("127.0.0.1", 8080));
        System.out.println("portal at " + server.url());                 // http://127.0.0.1:8080/
        return server;                                                     // server.close() stops it
    }
}
