package com.freshscale.server.auth;

import java.util.Set;
import java.util.regex.Pattern;

/** A console/API user: name, role and, for a store manager, the stores it manages. */
public record Account(String userName, Role role, Set<String> stores) {
    /** Letters, digits and . _ @ - : fits in a log line, a CLI argument and an HTTP Basic header. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    public Account {
        stores = Set.copyOf(stores);
        stores.forEach(com.freshscale.protocol.Topics::id); // the same store ids as the MQTT topics
        if (role == Role.MANAGER && stores.isEmpty()) throw new IllegalArgumentException("a manager needs at least one store");
        if (role == Role.TILL && stores.isEmpty()) throw new IllegalArgumentException("a till account needs the store(s) whose tills it reports");
        if (role == Role.HQ && !stores.isEmpty()) throw new IllegalArgumentException("an hq account sees every store: give it no store");
    }

    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name must be 1-64 letters, digits or . _ @ -, not '" + name + "'");
        }
        return name;
    }

    public boolean hq() {
        return role == Role.HQ;
    }

    /** May this account see and change {@code store}'s prices, fleet and reports? (A till account: never.) */
    public boolean mayAccess(String store) {
        return hq() || (role == Role.MANAGER && stores.contains(store));
    }

    /** May this account report (or import) till scans of {@code store}? HQ, the store's manager, or its till account. */
    public boolean mayReportScans(String store) {
        return hq() || stores.contains(store);
    }

    public boolean till() {
        return role == Role.TILL;
    }
}
