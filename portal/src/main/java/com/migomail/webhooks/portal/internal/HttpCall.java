package com.migomail.webhooks.portal.internal;

import com.migomail.webhooks.portal.PortalRequest;
import java.io.InputStream;
import java.util.Optional;

/** One request as an adapter hands it to the {@link PortalHandler}. */
public interface HttpCall extends PortalRequest {

    /**
     * The request's path as it was sent, still percent-encoded (with any context path before the
     * portal's): checked for encoded separators, which decoding would make indistinguishable.
     *
     * @return e.g. {@code /app/webhooks/api/v1/endpoints}
     */
    String rawPath();

    /**
     * The raw (still percent-encoded) query string.
     *
     * @return the query without the {@code ?}, or empty
     */
    Optional<String> rawQuery();

    /**
     * The request body; the handler reads at most a little more than it accepts.
     *
     * @return the body's stream
     */
    InputStream body();

    /**
     * The absolute path the portal is mounted at, without a trailing slash ({@code ""} at the root):
     * the session cookie's {@code Path}.
     *
     * @return e.g. {@code /app/webhooks}
     */
    String mountPath();
}
