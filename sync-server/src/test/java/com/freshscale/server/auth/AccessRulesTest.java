package com.freshscale.server.auth;

import static com.freshscale.server.auth.AccessRules.Permission.HQ;
import static com.freshscale.server.auth.AccessRules.Permission.PUBLIC;
import static com.freshscale.server.auth.AccessRules.Permission.SIGNED_IN;
import static com.freshscale.server.auth.AccessRules.Permission.STORE;
import static com.freshscale.server.auth.AccessRules.Permission.STORE_QUERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
    static final Account BOSS = new Account("boss", Role.HQ, Set.of());
    static final Account ANNA = new Account("anna", Role.MANAGER, Set.of("north", "south"));

    @Test
    void nobodyLoggedInGetsOnlyThePublicRoutes() {
        assertThat(AccessRules.decide(PUBLIC, null, null, null).allowed()).isTrue();
        for (AccessRules.Permission p : Set.of(SIGNED_IN, STORE, STORE_QUERY, HQ)) {
            assertThat(AccessRules.decide(p, null, "north", "north").status()).as(p.name()).isEqualTo(401);
        }
    }

    @Test
    void hqMayDoEverything() {
        for (AccessRules.Permission p : AccessRules.Permission.values()) {
            assertThat(AccessRules.decide(p, BOSS, "any-store", null).allowed()).as(p.name()).isTrue();
        }
    }

    @Test
    void aManagerMayUseItsOwnStoresOnly() {
        assertThat(AccessRules.decide(STORE, ANNA, "north", null).allowed()).isTrue();
        assertThat(AccessRules.decide(STORE, ANNA, "south", null).allowed()).isTrue();
        AccessRules.Decision other = AccessRules.decide(STORE, ANNA, "west", null);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.reason()).contains("anna manages north, south, not store west");
        assertThat(AccessRules.decide(STORE_QUERY, ANNA, null, "north").allowed()).isTrue();
        assertThat(AccessRules.decide(STORE_QUERY, ANNA, null, "west").status()).isEqualTo(403);
        // a report over the whole chain is HQ's
        assertThat(AccessRules.decide(STORE_QUERY, ANNA, null, null).reason()).contains("?store=north|south");
        assertThat(AccessRules.decide(HQ, ANNA, "north", null).status()).isEqualTo(403);
        assertThat(AccessRules.decide(SIGNED_IN, ANNA, null, null).allowed()).isTrue();
    }

    @Test
    void theTableSaysWhoMayDoWhat() {
        assertThat(AccessRules.permission("GET", "/api/health")).contains(PUBLIC);
        assertThat(AccessRules.permission("POST", "/api/login")).contains(PUBLIC);
        assertThat(AccessRules.permission("PUT", "/api/stores/{store}")).contains(HQ);            // store creation
        assertThat(AccessRules.permission("POST", "/api/scales/{store}/{scale}/commands")).contains(HQ);
        assertThat(AccessRules.permission("POST", "/api/stores/{store}/changes")).contains(STORE); // publish
        assertThat(AccessRules.permission("GET", "/api/reports/sales")).contains(STORE_QUERY);
        assertThat(AccessRules.permission("HEAD", "/api/stores/{store}/plus")).contains(STORE);
        assertThat(AccessRules.permission("GET", "/api/users")).isEmpty();
        // every route needing a store names it as {store} or ?store=
        AccessRules.ROUTES.forEach((route, p) -> {
            if (p == STORE) assertThat(route).as(route).contains("{store}");
        });
    }

    @Test
    void aServerWithAnApiRouteMissingFromTheTableDoesNotStart() {
        Javalin app = Javalin.create();
        app.get("/api/health", ctx -> ctx.result("ok"));
        app.get("/console/{file}", ctx -> ctx.result("page"));
        Guard.requireRulesFor(app); // all known: no exception
        app.delete("/api/stores/{store}", ctx -> ctx.status(204));
        assertThatThrownBy(() -> Guard.requireRulesFor(app)).hasMessageContaining("DELETE /api/stores/{store}");
    }
}
