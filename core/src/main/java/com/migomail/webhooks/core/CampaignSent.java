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
     * Starts {@code campaign.sent} data from its required fields; the optional ones stay absent
     * until set.
     *
     * @param campaignId the campaign ({@code cmp_…})
     * @param recipients how many recipients it was sent to, at least 0
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a number is below its minimum
     */
    public static Builder builder(String campaignId, long recipients) {
        return new Builder(campaignId, recipients);
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
     * Builds {@link CampaignSent} data. The required fields are the arguments of
     * {@link CampaignSent#builder}; each optional field has a setter and is absent until set (or
     * when set to null). Arguments are checked when they are passed, as the canonical constructor
     * checks them.
     *
     * <p>Not thread-safe. {@link #build()} may be called again, after more setters too, and creates
     * a new record each time.
     */
    public static final class Builder {
        private final String campaignId;
        private final long recipients;
        private String campaignName;
        private Long delivered;
        private Long failed;

        private Builder(String campaignId, long recipients) {
            this.campaignId = Checks.notNull(campaignId, "campaignId");
            Checks.atLeast(recipients, 0, "recipients");
            this.recipients = recipients;
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
         * Sets {@code delivered}; absent until set.
         *
         * @param delivered how many were delivered, at least 0
         * @return this builder
         * @throws IllegalArgumentException if the number is below its minimum
         */
        public Builder delivered(long delivered) {
            Checks.atLeast(delivered, 0, "delivered");
            this.delivered = delivered;
            return this;
        }

        /**
         * Sets {@code failed}; absent until set.
         *
         * @param failed how many failed, at least 0
         * @return this builder
         * @throws IllegalArgumentException if the number is below its minimum
         */
        public Builder failed(long failed) {
            Checks.atLeast(failed, 0, "failed");
            this.failed = failed;
            return this;
        }

        /**
         * The data, created by the canonical constructor.
         *
         * @return a new {@link CampaignSent}
         */
        public CampaignSent build() {
            return new CampaignSent(campaignId, campaignName, recipients, delivered, failed);
        }
    }
}
