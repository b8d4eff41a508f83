package com.migomail.webhooks.delivery;

import com.migomail.webhooks.store.TenantId;

/** The tenants the sender tests publish for. */
public final class TestTenants {
    /** The tenant most tests work in. */
    public static final TenantId TENANT = TenantId.of("acme");
    /** A second tenant, for isolation tests. */
    public static final TenantId OTHER = TenantId.of("globex");

    private TestTenants() {
    }
}
