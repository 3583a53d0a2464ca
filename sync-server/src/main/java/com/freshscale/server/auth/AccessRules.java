package com.freshscale.server.auth;

import java.util.Map;
import java.util.Optional;

/**
 * Who may call which route of the HTTP API: the one table of the server's permissions, checked for every
 * /api request by {@link Guard} before the route's handler runs. A route missing here is refused at start
 * (see {@link Guard#requireRulesFor}), so a new route cannot be reachable by accident.
 */
public final class AccessRules {
    public enum Permission {
        /** Anyone, without logging in. */
        PUBLIC,
        /** Any logged-in account; the handler shows a manager only its own stores. */
        SIGNED_IN,
        /** HQ, or a manager of the store named in the path ({store}). */
        STORE,
        /** HQ, or a manager naming one of its stores in the query (?store=); without it the query spans the chain. */
        STORE_QUERY,
        /** HQ only: store creation, scale commands. */
        HQ,
        /**
         * Till scans of the store named in the path ({store}): its till account (the POS), its manager or HQ. The
         * only permission a till account has.
         */
        TILL
    }

    /** The outcome of a check: allowed, or refused with the HTTP status (401, 403) and a reason. */
    public record Decision(int status, String reason) {
        public static final Decision ALLOW = new Decision(200, null);

        public boolean allowed() {
            return status == 200;
        }
    }

    /** "METHOD path" (Javalin's route pattern) → permission. */
    static final Map<String, Permission> ROUTES = Map.ofEntries(
            Map.entry("GET /api/health", Permission.PUBLIC),
            Map.entry("POST /api/login", Permission.PUBLIC),
            Map.entry("POST /api/logout", Permission.PUBLIC),
            Map.entry("GET /api/me", Permission.SIGNED_IN),

            Map.entry("GET /api/stores", Permission.SIGNED_IN),
            Map.entry("GET /api/stores/{store}", Permission.STORE),
            Map.entry("PUT /api/stores/{store}", Permission.HQ),
            Map.entry("GET /api/stores/{store}/plus", Permission.STORE),
            Map.entry("POST /api/stores/{store}/plus", Permission.STORE),
            Map.entry("GET /api/stores/{store}/plus/{code}", Permission.STORE),
            Map.entry("PUT /api/stores/{store}/plus/{code}", Permission.STORE),
            Map.entry("DELETE /api/stores/{store}/plus/{code}", Permission.STORE),
            Map.entry("GET /api/stores/{store}/scheduled-prices", Permission.STORE),
            Map.entry("POST /api/stores/{store}/scheduled-prices", Permission.STORE),
            Map.entry("DELETE /api/stores/{store}/scheduled-prices/{id}", Permission.STORE),
            Map.entry("GET /api/stores/{store}/promotions", Permission.STORE),
            Map.entry("PUT /api/stores/{store}/promotions/{id}", Permission.STORE),
            Map.entry("DELETE /api/stores/{store}/promotions/{id}", Permission.STORE),
            Map.entry("POST /api/stores/{store}/changes", Permission.STORE),
            Map.entry("GET /api/stores/{store}/pricebook", Permission.STORE),
            Map.entry("GET /api/stores/{store}/business-day", Permission.STORE),

            Map.entry("GET /api/scales", Permission.STORE_QUERY),
            Map.entry("POST /api/scales/{store}/{scale}/commands", Permission.HQ),
            Map.entry("POST /api/scales/{store}/{scale}/revoke", Permission.HQ),
            Map.entry("POST /api/enrollments", Permission.HQ),
            // a new scale has no account: the one-time code is its proof (wrong codes are throttled like logins)
            Map.entry("POST /api/enroll", Permission.PUBLIC),
            Map.entry("GET /api/quarantine", Permission.STORE_QUERY),
            // HQ checked the sale and found it genuine: it is counted from then on (QuarantineRelease)
            Map.entry("POST /api/quarantine/{id}/release", Permission.HQ),

            Map.entry("GET /api/sales", Permission.STORE_QUERY),
            Map.entry("GET /api/sales/count", Permission.STORE_QUERY),
            Map.entry("GET /api/sales/totals", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/sales", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/recognition", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/mismatches", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/latest", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/price-history", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/recognition-items", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/sales-lines", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/charts", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/voided", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/sale-numbers", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/reconciliation", Permission.STORE_QUERY),
            Map.entry("GET /api/reports/reconciliation/labels", Permission.STORE_QUERY),

            Map.entry("POST /api/stores/{store}/till-scans", Permission.TILL),
            Map.entry("POST /api/stores/{store}/till-scans/csv", Permission.TILL));

    /** The routes whose body is a CSV file (Content-Type text/csv) rather than JSON. */
    static final java.util.Set<String> CSV_BODY = java.util.Set.of("POST /api/stores/{store}/till-scans/csv");

    private AccessRules() {
    }

    public static boolean takesCsv(String method, String routePath) {
        return CSV_BODY.contains(method + " " + routePath);
    }

    public static Optional<Permission> permission(String method, String routePath) {
        // HEAD is a GET without the body: the same data, the same rule
        String m = method.equals("HEAD") ? "GET" : method;
        return Optional.ofNullable(ROUTES.get(m + " " + routePath));
    }

    /**
     * @param account    the logged-in account, or null
     * @param pathStore  the {store} of the path, or null
     * @param queryStore the ?store= of the query, or null
     */
    public static Decision decide(Permission permission, Account account, String pathStore, String queryStore) {
        if (permission == Permission.PUBLIC) return Decision.ALLOW;
        if (account == null) return new Decision(401, "log in first (console), or send HTTP Basic credentials (scripts)");
        if (account.till() && permission != Permission.TILL && permission != Permission.SIGNED_IN) {
            return new Decision(403, account.userName() + " is a till account: it may only report till scans");
        }
        return switch (permission) {
            case PUBLIC, SIGNED_IN -> Decision.ALLOW;
            case HQ -> account.hq() ? Decision.ALLOW : new Decision(403, "only an hq account may do this");
            case TILL -> account.mayReportScans(pathStore) ? Decision.ALLOW : notYours(account, pathStore);
            case STORE -> account.mayAccess(pathStore) ? Decision.ALLOW : notYours(account, pathStore);
            case STORE_QUERY -> {
                if (account.hq()) yield Decision.ALLOW;
                if (queryStore == null || queryStore.isBlank()) {
                    yield new Decision(403, "a store manager sees its own stores only: add ?store=" + String.join("|", sorted(account)));
                }
                yield account.mayAccess(queryStore) ? Decision.ALLOW : notYours(account, queryStore);
            }
        };
    }

    private static Decision notYours(Account a, String store) {
        return new Decision(403, a.userName() + " manages " + String.join(", ", sorted(a)) + ", not store " + store);
    }

    private static java.util.List<String> sorted(Account a) {
        return a.stores().stream().sorted().toList();
    }
}
