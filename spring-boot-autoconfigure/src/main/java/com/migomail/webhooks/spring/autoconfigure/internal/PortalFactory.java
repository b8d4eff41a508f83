package com.migomail.webhooks.spring.autoconfigure.internal;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.portal.PortalAuthenticator;
import com.migomail.webhooks.portal.WebhookPortal;
import com.migomail.webhooks.spring.autoconfigure.WebhooksProperties;
import java.net.URI;
import java.util.Base64;

/** Builds the portal from {@code migomail.webhooks.portal.*}, naming what is missing. */
public final class PortalFactory {

    private PortalFactory() {
    }

    /**
     * The portal.
     *
     * @param sender the application's sender, or null if it has none
     * @param authenticator the application's authenticator, or null if it has none
     * @param properties the portal's properties
     * @return the portal
     * @throws IllegalStateException if the sender or the authenticator is null
     * @throws IllegalArgumentException if a property is not valid
     */
    public static WebhookPortal create(WebhookSender sender, PortalAuthenticator authenticator,
            WebhooksProperties.Portal properties) {
        if (sender == null) {
            throw new IllegalStateException("migomail.webhooks.portal.enabled=true needs a WebhookSender: give the"
                    + " application a DataSource (or a WebhookStore bean) and keep migomail.webhooks.sender.enabled");
        }
        if (authenticator == null) {
            throw new IllegalStateException("migomail.webhooks.portal.enabled=true needs a PortalAuthenticator bean:"
                    + " it tells the portal which tenant each request may see (for example from your session)");
        }
        WebhookPortal.Builder builder = WebhookPortal.builder().sender(sender).authenticator(authenticator);
        if (properties.getSigningKey() != null) {
            builder.signingKey(signingKey(properties.getSigningKey()));
        }
        if (properties.getPublicUrl() != null) {
            builder.publicUrl(URI.create(properties.getPublicUrl()));
        }
        if (properties.getSessionTtl() != null) {
            builder.sessionTtl(properties.getSessionTtl());
        }
        if (properties.getFrameAncestors() != null && !properties.getFrameAncestors().isEmpty()) {
            builder.frameAncestors(properties.getFrameAncestors().toArray(String[]::new));
        }
        return builder.build();
    }

    /**
     * The servlet mapping of a mount path.
     *
     * @param path {@code /something}, with or without a trailing {@code /}
     * @return {@code /something/*}
     * @throws IllegalArgumentException if the path does not start with {@code /} or is only {@code /}
     */
    public static String mapping(String path) {
        String trimmed = path == null ? "" : path.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (!trimmed.startsWith("/") || trimmed.contains("//") || trimmed.contains("*")) {
            throw new IllegalArgumentException("migomail.webhooks.portal.path must be a path like /webhooks-portal: \""
                    + path + "\"");
        }
        return trimmed + "/*";
    }

    private static byte[] signingKey(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message quotes a character of the key.
            throw new IllegalArgumentException("migomail.webhooks.portal.signing-key is not valid Base64");
        }
    }
}
