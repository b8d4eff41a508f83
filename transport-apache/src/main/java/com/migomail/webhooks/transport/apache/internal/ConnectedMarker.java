package com.migomail.webhooks.transport.apache.internal;

import java.io.IOException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * Runs right after the connect step: marks the request's context once a connection (new or pooled,
 * TLS and proxy tunnel included) is ready and the request is about to be written. A failure before
 * the mark sent nothing, so the next checked address may be tried without a duplicate delivery.
 */
final class ConnectedMarker implements AsyncExecChainHandler {
    /** The context attribute set (to {@code Boolean.TRUE}) once the request may have been sent. */
    static final String CONNECTED = "com.migomail.webhooks.transport.apache.connected";
    /** This handler's name in the execution chain. */
    static final String NAME = "migomail-connected";

    @Override
    public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
            AsyncExecChain chain, AsyncExecCallback asyncExecCallback) throws HttpException, IOException {
        scope.clientContext.setAttribute(CONNECTED, Boolean.TRUE);
        chain.proceed(request, entityProducer, scope, asyncExecCallback);
    }
}
