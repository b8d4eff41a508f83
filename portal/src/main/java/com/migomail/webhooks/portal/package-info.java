/**
 * The portal's public API: {@link com.migomail.webhooks.portal.WebhookPortal} and its builder, the
 * host's {@link com.migomail.webhooks.portal.PortalAuthenticator}, and the two adapters that serve
 * it, {@link com.migomail.webhooks.portal.PortalServlet} (Jakarta Servlet 6) and
 * {@link com.migomail.webhooks.portal.PortalServer} (the JDK's HTTP server). Everything in this
 * package is thread-safe unless a type says otherwise.
 */
package com.migomail.webhooks.portal;
