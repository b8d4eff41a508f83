package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.signing.SignatureScheme;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code migomail.webhooks.*} configuration properties. A sender option left unset keeps the
 * default that {@link com.migomail.webhooks.delivery.WebhookSender.Builder} documents (given in each
 * description), so the library stays the one place defaults live.
 *
 * <p>A mutable JavaBean, as Spring Boot binds properties; the auto-configuration turns it into the
 * library's immutable, validated configuration, so a bad value fails the application's start with
 * the builder's message. Not thread-safe; read once at start-up.
 */
@ConfigurationProperties("migomail.webhooks")
public class WebhooksProperties {

    private final Sender sender = new Sender();
    private final Store store = new Store();
    private final Portal portal = new Portal();
    private final Receiver receiver = new Receiver();
    private final Metrics metrics = new Metrics();
    private final Tracing tracing = new Tracing();

    /** Properties with every value unset. */
    public WebhooksProperties() {
    }

    /**
     * The sender's options, {@code migomail.webhooks.sender.*}.
     *
     * @return the sender's options
     */
    public Sender getSender() {
        return sender;
    }

    /**
     * The JDBC store's options, {@code migomail.webhooks.store.*}.
     *
     * @return the store's options
     */
    public Store getStore() {
        return store;
    }

    /**
     * The portal's options, {@code migomail.webhooks.portal.*}.
     *
     * @return the portal's options
     */
    public Portal getPortal() {
        return portal;
    }

    /**
     * The receiver's options, {@code migomail.webhooks.receiver.*}.
     *
     * @return the receiver's options
     */
    public Receiver getReceiver() {
        return receiver;
    }

    /**
     * The Micrometer options, {@code migomail.webhooks.metrics.*}.
     *
     * @return the metrics options
     */
    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * The OpenTelemetry options, {@code migomail.webhooks.tracing.*}.
     *
     * @return the tracing options
     */
    public Tracing getTracing() {
        return tracing;
    }

    /** Which endpoint URLs the sender may reach (see {@code EndpointAddressPolicy}). */
    public enum AddressPolicy {
        /** Only {@code https} URLs whose host resolves only to public addresses: the default. */
        PUBLIC_HTTPS_ONLY,
        /** Also {@code http} and loopback: for tests and a demo on one machine. */
        ALLOW_LOOPBACK_FOR_TESTING,
        /** Also {@code http} and every private range: only for trusted endpoint owners. */
        ALLOW_PRIVATE_NETWORKS_UNSAFE
    }

    /** {@code migomail.webhooks.sender.*}: the {@code WebhookSender} bean. */
    public static class Sender {

        /** Whether to create and start a WebhookSender over the application's DataSource. */
        private boolean enabled = true;

        /**
         * When each retry is due, as offsets from the first attempt, strictly increasing; an empty
         * list never retries. Library default: 1m, 5m, 30m.
         */
        private List<Duration> retrySchedule;

        /** Random spread of every retry gap, from 0 (none, the default) to 1 (0.1 is ±10 %). */
        private double retryJitter;

        /** Overall deadline of one attempt. Library default: 10s. */
        private Duration attemptTimeout;

        /** Connect timeout of the sender's own HTTP client. Library default: 5s. */
        private Duration connectTimeout;

        /** Attempts in flight at once, all endpoints. Library default: 64. */
        private Integer maxConcurrency;

        /** Attempts in flight to one endpoint. Library default: 8. */
        private Integer maxConcurrencyPerEndpoint;

        /** Which endpoint URLs the sender may reach. */
        private AddressPolicy addressPolicy = AddressPolicy.PUBLIC_HTTPS_ONLY;

        /** How long events, deliveries and attempts are kept. Library default: 30d. */
        private Duration retention;

        /** How often expired events are purged. Library default: 1h. */
        private Duration purgeInterval;

        /** The User-Agent of every request. Library default: Migomail-Webhooks/(library version). */
        private String userAgent;

        /** This sender's lease-owner name in the store, unique per node. Library default: sender-(random UUID). */
        private String nodeId;

        /** How long a claimed delivery stays this node's. Library default: attempt timeout + 30s, at least 1m. */
        private Duration leaseDuration;

        /** How soon retries and other nodes' work are picked up. Library default: 1s. */
        private Duration pollInterval;

        /** How long closing the sender lets in-flight attempts finish. Library default: 15s. */
        private Duration shutdownTimeout;

        /** Properties with every value unset. */
        public Sender() {
        }

        /**
         * Whether the sender is auto-configured.
         *
         * @return true (the default) to create and start it when a DataSource exists
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the sender is auto-configured.
         *
         * @param enabled false to create no sender
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * The retry offsets.
         *
         * @return the offsets, or null for the library's default schedule
         */
        public List<Duration> getRetrySchedule() {
            return retrySchedule;
        }

        /**
         * Sets the retry offsets.
         *
         * @param retrySchedule offsets from the first attempt; empty never retries
         */
        public void setRetrySchedule(List<Duration> retrySchedule) {
            this.retrySchedule = retrySchedule;
        }

        /**
         * The retry jitter.
         *
         * @return the spread, 0 for none
         */
        public double getRetryJitter() {
            return retryJitter;
        }

        /**
         * Sets the retry jitter.
         *
         * @param retryJitter the spread, from 0 to 1
         */
        public void setRetryJitter(double retryJitter) {
            this.retryJitter = retryJitter;
        }

        /**
         * The attempt timeout.
         *
         * @return the timeout, or null for the library default
         */
        public Duration getAttemptTimeout() {
            return attemptTimeout;
        }

        /**
         * Sets the attempt timeout.
         *
         * @param attemptTimeout the timeout
         */
        public void setAttemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
        }

        /**
         * The connect timeout.
         *
         * @return the timeout, or null for the library default
         */
        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        /**
         * Sets the connect timeout.
         *
         * @param connectTimeout the timeout
         */
        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        /**
         * The total concurrency.
         *
         * @return the limit, or null for the library default
         */
        public Integer getMaxConcurrency() {
            return maxConcurrency;
        }

        /**
         * Sets the total concurrency.
         *
         * @param maxConcurrency the limit
         */
        public void setMaxConcurrency(Integer maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
        }

        /**
         * The concurrency per endpoint.
         *
         * @return the limit, or null for the library default
         */
        public Integer getMaxConcurrencyPerEndpoint() {
            return maxConcurrencyPerEndpoint;
        }

        /**
         * Sets the concurrency per endpoint.
         *
         * @param maxConcurrencyPerEndpoint the limit
         */
        public void setMaxConcurrencyPerEndpoint(Integer maxConcurrencyPerEndpoint) {
            this.maxConcurrencyPerEndpoint = maxConcurrencyPerEndpoint;
        }

        /**
         * The address policy.
         *
         * @return the policy
         */
        public AddressPolicy getAddressPolicy() {
            return addressPolicy;
        }

        /**
         * Sets the address policy.
         *
         * @param addressPolicy the policy
         */
        public void setAddressPolicy(AddressPolicy addressPolicy) {
            this.addressPolicy = addressPolicy;
        }

        /**
         * The retention.
         *
         * @return the retention, or null for the library default
         */
        public Duration getRetention() {
            return retention;
        }

        /**
         * Sets the retention.
         *
         * @param retention how long events are kept
         */
        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        /**
         * The purge interval.
         *
         * @return the interval, or null for the library default
         */
        public Duration getPurgeInterval() {
            return purgeInterval;
        }

        /**
         * Sets the purge interval.
         *
         * @param purgeInterval the interval
         */
        public void setPurgeInterval(Duration purgeInterval) {
            this.purgeInterval = purgeInterval;
        }

        /**
         * The user agent.
         *
         * @return the user agent, or null for the library default
         */
        public String getUserAgent() {
            return userAgent;
        }

        /**
         * Sets the user agent.
         *
         * @param userAgent the User-Agent header value
         */
        public void setUserAgent(String userAgent) {
            this.userAgent = userAgent;
        }

        /**
         * The node id.
         *
         * @return the node id, or null for a random one
         */
        public String getNodeId() {
            return nodeId;
        }

        /**
         * Sets the node id.
         *
         * @param nodeId the lease-owner name
         */
        public void setNodeId(String nodeId) {
            this.nodeId = nodeId;
        }

        /**
         * The lease duration.
         *
         * @return the lease, or null for the library default
         */
        public Duration getLeaseDuration() {
            return leaseDuration;
        }

        /**
         * Sets the lease duration.
         *
         * @param leaseDuration the lease
         */
        public void setLeaseDuration(Duration leaseDuration) {
            this.leaseDuration = leaseDuration;
        }

        /**
         * The poll interval.
         *
         * @return the interval, or null for the library default
         */
        public Duration getPollInterval() {
            return pollInterval;
        }

        /**
         * Sets the poll interval.
         *
         * @param pollInterval the interval
         */
        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        /**
         * The shutdown timeout.
         *
         * @return the timeout, or null for the library default
         */
        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        /**
         * Sets the shutdown timeout.
         *
         * @param shutdownTimeout the timeout
         */
        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }

    /** {@code migomail.webhooks.store.*}: the {@code JdbcWebhookStore} over the application's DataSource. */
    public static class Store {

        /**
         * Whether to create or migrate the tables while the application starts, so that a database
         * the library cannot use fails the start. With false the store still creates or migrates
         * them on its first operation: it cannot work on a schema it has not migrated.
         */
        private boolean migrate = true;

        /**
         * Key-encryption keys of endpoint secrets at rest, the current one first, then any older
         * ones the database may still name. Required unless plain-text-secrets is true.
         */
        private List<KeyEncryptionKey> keyEncryptionKeys = new ArrayList<>();

        /**
         * Keep endpoint secrets in plain text, readable by whoever reads the database or its
         * backups: for tests and demos. Exclusive with key-encryption-keys.
         */
        private boolean plainTextSecrets;

        /** Prefix of every table name. Library default: mwh_. */
        private String tablePrefix;

        /** The tenant that owns the rows of a schema-version-1 database (before tenants existed). */
        private String tenantForExistingRows;

        /**
         * Keep events, deliveries and attempts in PostgreSQL tables partitioned by event day, so
         * that retention drops whole days; chosen when the tables are created. Default: false.
         */
        private boolean partitionedByEventDay;

        /** Properties with every value unset. */
        public Store() {
        }

        /**
         * Whether the tables are migrated at start-up.
         *
         * @return true (the default) to migrate while the application starts
         */
        public boolean isMigrate() {
            return migrate;
        }

        /**
         * Sets whether the tables are migrated at start-up.
         *
         * @param migrate false to leave it to the store's first operation
         */
        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }

        /**
         * The key-encryption keys.
         *
         * @return the keys, current first; empty if none were configured
         */
        public List<KeyEncryptionKey> getKeyEncryptionKeys() {
            return keyEncryptionKeys;
        }

        /**
         * Sets the key-encryption keys.
         *
         * @param keyEncryptionKeys the keys, current first
         */
        public void setKeyEncryptionKeys(List<KeyEncryptionKey> keyEncryptionKeys) {
            this.keyEncryptionKeys = keyEncryptionKeys;
        }

        /**
         * Whether secrets are kept in plain text.
         *
         * @return true if the host chose plain text
         */
        public boolean isPlainTextSecrets() {
            return plainTextSecrets;
        }

        /**
         * Sets whether secrets are kept in plain text.
         *
         * @param plainTextSecrets true to keep them in plain text
         */
        public void setPlainTextSecrets(boolean plainTextSecrets) {
            this.plainTextSecrets = plainTextSecrets;
        }

        /**
         * Whether the tables are partitioned by event day.
         *
         * @return true to build the store with {@code partitionedByEventDay()}
         */
        public boolean isPartitionedByEventDay() {
            return partitionedByEventDay;
        }

        /**
         * Sets whether the tables are partitioned by event day (PostgreSQL only).
         *
         * @param partitionedByEventDay true for the partitioned layout
         */
        public void setPartitionedByEventDay(boolean partitionedByEventDay) {
            this.partitionedByEventDay = partitionedByEventDay;
        }

        /**
         * The table prefix.
         *
         * @return the prefix, or null for the library default
         */
        public String getTablePrefix() {
            return tablePrefix;
        }

        /**
         * Sets the table prefix.
         *
         * @param tablePrefix the prefix
         */
        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        /**
         * The tenant for rows of schema version 1.
         *
         * @return the tenant id, or null for none
         */
        public String getTenantForExistingRows() {
            return tenantForExistingRows;
        }

        /**
         * Sets the tenant for rows of schema version 1.
         *
         * @param tenantForExistingRows the tenant id
         */
        public void setTenantForExistingRows(String tenantForExistingRows) {
            this.tenantForExistingRows = tenantForExistingRows;
        }
    }

    /** One key-encryption key: {@code id} and {@code key} (Base64 of 32 bytes, {@code openssl rand -base64 32}). */
    public static class KeyEncryptionKey {

        /** The key's id, as the database names it: 1 to 32 letters, digits, '.', '_' or '-'. */
        private String id;

        /** Base64 of the 32 key bytes; from your secret store, never committed. */
        private String key;

        /** A key with neither value set. */
        public KeyEncryptionKey() {
        }

        /**
         * The key's id.
         *
         * @return the id, or null if unset
         */
        public String getId() {
            return id;
        }

        /**
         * Sets the key's id.
         *
         * @param id the id
         */
        public void setId(String id) {
            this.id = id;
        }

        /**
         * The key's Base64 text.
         *
         * @return the Base64 text, or null if unset
         */
        public String getKey() {
            return key;
        }

        /**
         * Sets the key's Base64 text.
         *
         * @param key the Base64 text of 32 bytes
         */
        public void setKey(String key) {
            this.key = key;
        }

        /**
         * The id only: the key never appears in logs.
         *
         * @return {@code KeyEncryptionKey[id=…]}
         */
        @Override
        public String toString() {
            return "KeyEncryptionKey[id=" + id + "]";
        }
    }

    /** {@code migomail.webhooks.portal.*}: the portal servlet. */
    public static class Portal {

        /** Whether to mount the portal (needs a PortalAuthenticator bean and a servlet web application). */
        private boolean enabled;

        /** Where the portal is mounted: its page at (path)/ and its API at (path)/api/v1/. */
        private String path = "/webhooks-portal";

        /**
         * Base64 of the HMAC key (32 bytes or more) of the portal's sessions and CSRF tokens, the same
         * on every node. Library default: random per instance, so sessions end with the JVM.
         */
        private String signingKey;

        /** Where the portal is reached from outside, ending in '/'; an https one makes cookies Secure. */
        private String publicUrl;

        /** How long a portal session lasts. Library default: 12h. */
        private Duration sessionTtl;

        /** Who may frame the page (CSP frame-ancestors), e.g. 'self'. Library default: 'none'. */
        private List<String> frameAncestors;

        /** Properties with every value unset. */
        public Portal() {
        }

        /**
         * Whether the portal is mounted.
         *
         * @return true to mount it; false by default
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the portal is mounted.
         *
         * @param enabled true to mount it
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * The mount path.
         *
         * @return the path, {@code /webhooks-portal} by default
         */
        public String getPath() {
            return path;
        }

        /**
         * Sets the mount path.
         *
         * @param path a path starting with {@code /}
         */
        public void setPath(String path) {
            this.path = path;
        }

        /**
         * The signing key.
         *
         * @return its Base64 text, or null for a random key
         */
        public String getSigningKey() {
            return signingKey;
        }

        /**
         * Sets the signing key.
         *
         * @param signingKey Base64 of 32 bytes or more
         */
        public void setSigningKey(String signingKey) {
            this.signingKey = signingKey;
        }

        /**
         * The public URL.
         *
         * @return the URL, or null for none
         */
        public String getPublicUrl() {
            return publicUrl;
        }

        /**
         * Sets the public URL.
         *
         * @param publicUrl an absolute URL ending in {@code /}
         */
        public void setPublicUrl(String publicUrl) {
            this.publicUrl = publicUrl;
        }

        /**
         * The session lifetime.
         *
         * @return the lifetime, or null for the library default
         */
        public Duration getSessionTtl() {
            return sessionTtl;
        }

        /**
         * Sets the session lifetime.
         *
         * @param sessionTtl the lifetime
         */
        public void setSessionTtl(Duration sessionTtl) {
            this.sessionTtl = sessionTtl;
        }

        /**
         * The frame ancestors.
         *
         * @return the CSP sources, or null for the library default
         */
        public List<String> getFrameAncestors() {
            return frameAncestors;
        }

        /**
         * Sets the frame ancestors.
         *
         * @param frameAncestors CSP sources
         */
        public void setFrameAncestors(List<String> frameAncestors) {
            this.frameAncestors = frameAncestors;
        }
    }

    /** {@code migomail.webhooks.receiver.*}: verification of {@link VerifiedWebhook} arguments. */
    public static class Receiver {

        /**
         * Every key a request may be signed with: whsec_ secrets, raw secrets of 16 bytes or more,
         * or whpk_ public keys; several during a rotation. A request passes if any signature matches
         * any key.
         */
        private List<String> secrets = new ArrayList<>();

        /** How far webhook-timestamp may be from the clock, either way. Library default: 5m. */
        private Duration tolerance;

        /** Accepted signature schemes. Library default: STANDARD_WEBHOOKS only. */
        private List<SignatureScheme> schemes;

        /** Largest body read; a larger one is answered 413 without being verified. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        /** Properties with every value unset. */
        public Receiver() {
        }

        /**
         * The verification keys.
         *
         * @return the encoded keys; empty if none were configured
         */
        public List<String> getSecrets() {
            return secrets;
        }

        /**
         * Sets the verification keys.
         *
         * @param secrets the encoded keys
         */
        public void setSecrets(List<String> secrets) {
            this.secrets = secrets;
        }

        /**
         * The timestamp tolerance.
         *
         * @return the tolerance, or null for the library default
         */
        public Duration getTolerance() {
            return tolerance;
        }

        /**
         * Sets the timestamp tolerance.
         *
         * @param tolerance the tolerance
         */
        public void setTolerance(Duration tolerance) {
            this.tolerance = tolerance;
        }

        /**
         * The accepted schemes.
         *
         * @return the schemes, or null for the library default
         */
        public List<SignatureScheme> getSchemes() {
            return schemes;
        }

        /**
         * Sets the accepted schemes.
         *
         * @param schemes the schemes
         */
        public void setSchemes(List<SignatureScheme> schemes) {
            this.schemes = schemes;
        }

        /**
         * The body limit.
         *
         * @return the largest body read, 1 MiB by default
         */
        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        /**
         * Sets the body limit.
         *
         * @param maxBodySize the largest body read
         */
        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }
    }

    /**
     * {@code migomail.webhooks.metrics.*}: the sender's {@code WebhookMetrics} and the receiver's
     * {@code webhooks.received} counter, when the application has a {@code MeterRegistry}.
     */
    public static class Metrics {

        /** Whether to record the sender's and the receiver's meters in the application's MeterRegistry. */
        private boolean enabled = true;

        /** Least time between two counts of the backlog gauge (a store query each). Library default: 10s. */
        private Duration backlogInterval;

        /**
         * Whether the sender's meters carry a tenant tag (the tenant id). Cardinality: one series per
         * tenant for every tag combination, without bound; only for a small, fixed set of tenants.
         */
        private boolean tenantTags;

        /**
         * Whether the sender's meters carry an endpoint tag (the endpoint id). Cardinality: one series
         * per endpoint for every tag combination, and endpoints come and go with your customers; only
         * for a small, fixed set of endpoints.
         */
        private boolean endpointTags;

        /** Properties with every value at its default. */
        public Metrics() {
        }

        /**
         * Whether the meters are recorded.
         *
         * @return true (the default) to record them when a MeterRegistry exists
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the meters are recorded.
         *
         * @param enabled false to record none
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * The backlog interval.
         *
         * @return the interval, or null for the library default
         */
        public Duration getBacklogInterval() {
            return backlogInterval;
        }

        /**
         * Sets the backlog interval.
         *
         * @param backlogInterval a positive duration
         */
        public void setBacklogInterval(Duration backlogInterval) {
            this.backlogInterval = backlogInterval;
        }

        /**
         * Whether the meters carry a tenant tag.
         *
         * @return true to add it; false by default
         */
        public boolean isTenantTags() {
            return tenantTags;
        }

        /**
         * Sets whether the meters carry a tenant tag.
         *
         * @param tenantTags true to add it
         */
        public void setTenantTags(boolean tenantTags) {
            this.tenantTags = tenantTags;
        }

        /**
         * Whether the meters carry an endpoint tag.
         *
         * @return true to add it; false by default
         */
        public boolean isEndpointTags() {
            return endpointTags;
        }

        /**
         * Sets whether the meters carry an endpoint tag.
         *
         * @param endpointTags true to add it
         */
        public void setEndpointTags(boolean endpointTags) {
            this.endpointTags = endpointTags;
        }
    }

    /** {@code migomail.webhooks.tracing.*}: the sender's tracer, when the application has an OpenTelemetry bean. */
    public static class Tracing {

        /** Whether the sender traces its attempts with the application's OpenTelemetry (needs migomail-webhooks-opentelemetry). */
        private boolean enabled = true;

        /** Properties with every value at its default. */
        public Tracing() {
        }

        /**
         * Whether the sender traces.
         *
         * @return true (the default) to trace when an OpenTelemetry bean exists
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether the sender traces.
         *
         * @param enabled false to trace nothing
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
