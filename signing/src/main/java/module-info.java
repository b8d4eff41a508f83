/**
 * Secrets, signer and verifier for Migomail webhooks: {@code X-Migomail-Signature} (GitHub-style
 * HMAC of the body) and Standard Webhooks ({@code webhook-*} headers, {@code v1} HMAC and {@code v1a}
 * Ed25519). JDK only.
 *
 * <p>Ed25519 comes from the JDK's {@code SunEC} provider (module {@code jdk.crypto.ec}); a jlink
 * image that uses {@code v1a} keys must include that module.
 *
 * <p>Also home of {@code com.migomail.webhooks.WebhookException}, the root of every module's own
 * failures, since every other module depends on this one.
 */
module com.migomail.webhooks.signing {
    exports com.migomail.webhooks;
    exports com.migomail.webhooks.signing;
}
