package com.freshscale.server.auth;

import java.util.Locale;

/** What an account may do: HQ everything; a store manager only the stores named in the account; a till only report its scans. */
public enum Role {
    /** All stores, reports, the fleet, scale commands, store creation. */
    HQ,
    /** Prices (edit, publish), fleet and reports of the account's own stores. */
    MANAGER,
    /**
     * A checkout's POS system: reports the scale barcodes its tills scanned, for its own stores, and may do
     * nothing else (it sees no prices, sales or reports).
     */
    TILL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        for (Role r : values()) if (r.id().equals(s)) return r;
        throw new IllegalArgumentException("role must be hq, manager or till, not '" + s + "'");
    }
}
