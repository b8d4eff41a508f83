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
     * Starts {@code campaign.paused} data from its required fields; the optional ones stay absent
     * until set.
     *
     * @param campaignId the campaign ({@code cmp_…})
     * @param reason why
     * @return a new builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(String campaignId, PauseReason reason) {
        return new Builder(campaignId, reason);
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

    /**
     * Builds {@link CampaignPaused} data. The required fields are the arguments of
     * {@link CampaignPaused#builder}; each optional field has a setter and is absent until set (or
     * when set to null). Arguments are checked when they are passed, as the canonical constructor
     * checks them.
     *
     * <p>Not thread-safe. {@link #build()} may be called again, after more setters too, and creates
     * a new record each time.
     */
    public static final class Builder {
        private final String campaignId;
        private final PauseReason reason;
        private String campaignName;
        private String pausedBy;

        private Builder(String campaignId, PauseReason reason) {
            this.campaignId = Checks.notNull(campaignId, "campaignId");
            this.reason = Checks.notNull(reason, "reason");
        }

        /**
         * Sets {@code campaignName}.
         *
         * @param campaignName its name, or null when absent
         * @return this builder
         */
        public Builder campaignName(String campaignName) {
            this.campaignName = campaignName;
            return this;
        }

        /**
         * Sets {@code pausedBy}.
         *
         * @param pausedBy who paused it, when a user did, or null when absent
         * @return this builder
         */
        public Builder pausedBy(String pausedBy) {
            this.pausedBy = pausedBy;
            return this;
        }

        /**
         * The data, created by the canonical constructor.
         *
         * @return a new {@link CampaignPaused}
         */
        public CampaignPaused build() {
            return new CampaignPaused(campaignId, campaignName, reason, pausedBy);
        }
    }
}
