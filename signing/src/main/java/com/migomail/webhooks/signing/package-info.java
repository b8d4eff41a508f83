/**
 * Signing and verifying Migomail webhooks.
 *
 * <p>Keys: {@link com.migomail.webhooks.signing.WebhookSecret} ({@code whsec_…} or a raw secret,
 * symmetric), {@link com.migomail.webhooks.signing.SigningKeyPair} ({@code whsk_…}, Ed25519, sender
 * side) and {@link com.migomail.webhooks.signing.WebhookPublicKey} ({@code whpk_…}, receiver side).
 * Senders sign with {@link com.migomail.webhooks.signing.WebhookSigner}; receivers verify with a
 * {@link com.migomail.webhooks.signing.WebhookVerifier} built once by
 * {@link com.migomail.webhooks.signing.WebhookVerifier#builder()}. The wire format is the
 * "Secrets" and "Signature schemes" sections of the project's WIRE.md.
 */
package com.migomail.webhooks.signing;
