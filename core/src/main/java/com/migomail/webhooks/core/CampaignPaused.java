package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of {@code campaign.paused}: a campaign was paused.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param campaignId the campaign ({@code cmp_…})
 * @param campaignName its name, or null when absent
 * @param reason why
 * @param pausedBy who paused it, when a user did, or null when absent
 */
public record CampaignPaused(
        String campaignId,
        String campaignName,
        PauseReason reason,
        String pausedBy)
        implements EventData {

    /** The wire name of this type, {@code campaign.paused}. */
    public static final String TYPE = "campaign.paused";

    /**
     * Validates.
     *
     * @param campaignId the campaign ({@code cmp_…})
     * @param campaignName its name, or null when absent
     * @param reason why
     * @param pausedBy who paused it, when a user did, or null when absent
     * @throws NullPointerException if a required component is null
     */
    public CampaignPaused {
        Checks.notNull(campaignId, "campaignId");
        Checks.notNull(reason, "reason");
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
