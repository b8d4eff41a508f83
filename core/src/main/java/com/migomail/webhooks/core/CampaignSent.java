package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of {@code campaign.sent}: a campaign finished sending.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param campaignId the campaign ({@code cmp_…})
 * @param campaignName its name, or null when absent
 * @param recipients how many recipients it was sent to, at least 0
 * @param delivered how many were delivered, at least 0, or null when absent
 * @param failed how many failed, at least 0, or null when absent
 */
public record CampaignSent(
        String campaignId,
        String campaignName,
        long recipients,
        Long delivered,
        Long failed)
        implements EventData {

    /** The wire name of this type, {@code campaign.sent}. */
    public static final String TYPE = "campaign.sent";

    /**
     * Validates.
     *
     * @param campaignId the campaign ({@code cmp_…})
     * @param campaignName its name, or null when absent
     * @param recipients how many recipients it was sent to, at least 0
     * @param delivered how many were delivered, at least 0, or null when absent
     * @param failed how many failed, at least 0, or null when absent
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if a number is below its minimum
     */
    public CampaignSent {
        Checks.notNull(campaignId, "campaignId");
        Checks.atLeast(recipients, 0, "recipients");
        if (delivered != null) {
            Checks.atLeast(delivered, 0, "delivered");
        }
        if (failed != null) {
            Checks.atLeast(failed, 0, "failed");
        }
    }

    /**
     * The wire name of the type.
     *
     * @return {@value #TYPE}
     */
    @Override
    public String eventType() {
        return TYPE;
    }
}
