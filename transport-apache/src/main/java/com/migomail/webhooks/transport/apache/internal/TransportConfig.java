package com.migomail.webhooks.transport.apache.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The validated settings of one transport.
 *
 * @param connectTimeout how long one connection may take, TLS handshake included
 * @param maxConnections the pool's limit over all routes
 * @param maxConnectionsPerRoute the pool's limit per route
 * @param egressProxy the proxy every request goes through, resolved; {@code null} for direct connections
 * @param sslContext the TLS context
 */
public record TransportConfig(Duration connectTimeout, int maxConnections, int maxConnectionsPerRoute,
        InetSocketAddress egressProxy, SSLContext sslContext) {}
