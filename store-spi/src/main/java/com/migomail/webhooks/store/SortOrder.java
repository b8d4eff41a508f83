package com.migomail.webhooks.store;

/** The order of a listing. */
public enum SortOrder {
    /** Oldest first. */
    OLDEST_FIRST,
    /** Newest first. */
    NEWEST_FIRST
}
