package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.portal.PortalServlet;
import com.migomail.webhooks.portal.WebhookPortal;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;

/** Mounting the portal in any Jakarta Servlet 6 container (Tomcat 10.1+, Jetty 12+, …). */
public class PortalMount implements ServletContextListener {
    private final WebhookPortal portal;

    /**
     * Mounts that portal.
     *
     * @param portal the portal
     */
    public PortalMount(WebhookPortal portal) {
        this.portal = portal;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletRegistration.Dynamic servlet = event.getServletContext()
                .addServlet("webhooks-portal", new PortalServlet(portal));
        servlet.addMapping("/webhooks/*");     // the page at <context>/webhooks/, its API at <context>/webhooks/api/v1/
    }
}
