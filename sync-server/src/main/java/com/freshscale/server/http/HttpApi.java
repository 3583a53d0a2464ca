package com.freshscale.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.freshscale.protocol.SoftwareVersion;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.ScheduledPrice;
import com.freshscale.server.ingest.SalesIngest;
import com.freshscale.server.prices.PriceBookPublisher;
import com.freshscale.server.prices.PriceRepository;
import com.freshscale.server.sales.SalesQueries;
import com.freshscale.protocol.status.ScaleCommand;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Guard;
import com.freshscale.server.scales.ScaleTracker;
import com.freshscale.server.store.DataException;
import com.freshscale.server.store.NotFoundException;
import com.freshscale.protocol.http.NoMethodOverride;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's HTTP JSON API (the console's web pages are built on it). Prices for store managers, sales
 * for HQ, scale status for everyone. Errors are {@code {"error": "..."}} with 400 (bad request), 401 (not
 * logged in), 403 (not this account's store or role), 404 (unknown store/PLU/...), 429 (too many failed
 * logins), 503 (database unavailable); a failed request changes nothing. Who may call which route is the
 * table in {@link com.freshscale.server.auth.AccessRules}, checked by {@link Guard} before any handler runs.
 *
 * <pre>
 * GET    /api/health                              (no login needed: for load balancers and monitoring)
 * POST   /api/login {"user","password"}  POST /api/logout  GET /api/me   (see Guard)
 * GET    /api/stores                              PUT /api/stores/{store}  {"name","currency"}
 * GET    /api/stores/{store}
 * POST   /api/stores/{store}/plus  [Plu,...]  bulk import, all or nothing
 * GET    /api/stores/{store}/plus                 PUT/GET/DELETE /api/stores/{store}/plus/{code}  (Plu)
 *        GET and PUT answer each item with priceInForceMinor added (what the scales charge now: unitPriceMinor or the
 *        scheduled price that started last); read-only, dropped from an item sent in
 * GET    /api/stores/{store}/scheduled-prices     POST (ScheduledPrice) → {"id",...}; DELETE .../{id}
 * GET    /api/stores/{store}/promotions           PUT/DELETE /api/stores/{store}/promotions/{id} (Promotion)
 * POST   /api/stores/{store}/changes  ChangeSet    a manager's edits, published together as one book;
 *        ?dryRun=true: nothing is written, the answer lists each field it would change and the confirmations it needs
 *        PUT .../plus/{code}, POST .../plus, POST .../scheduled-prices, DELETE .../scheduled-prices/{id}, PUT .../promotions/{id}
 *        take those confirmations
 *        as ?confirm=CODE:OLD:NEW (a promotion: OLD the item's regular price, NEW the price the promotion gives), a change
 *        of sale type or preset tare as ?confirm=CODE:OLD:NEW:CHANGE (CHANGE e.g. saleType:PER_KG:PER_PIECE, presetTareMg:0:400000)
 * GET    /api/stores/{store}/pricebook            the last signed book: version, publishedAt, signed payload
 * GET    /api/scales[?store=]                     last status of each scale, its weighing ranges (weighingRanges, rangesChangedMs,
 *        rangesText; null if it never reported them) and their latest changes (rangeChanges: from, to, changedMs, reportedAt),
 *        the zone its labels are dated in (timeZone, null if never reported), its store's business-day zone (storeTimeZone)
 *        and zoneWarning (null unless the two differ)
 * POST   /api/scales/{store}/{scale}/commands  {"command": REQUEST_STATUS|RESEND_OUTBOX|RELOAD_MODEL|UNLOCK_SERVICE_MENU} → 202 {"id"}
 * POST   /api/quarantine/{id}/release[?store=&scale=] {"note": "3 to 500 characters"}   HQ only: the quarantined sale {id}
 *        (its saleId) is stored as a counted sale, once, and its quarantine row marked released (who, when, note); 409 if
 *        its sale id is stored already (a changed re-send, a late void), it was released already, or the id is quarantined
 *        for more than one scale without ?store=&scale=; 404 if no such quarantined sale
 * GET    /api/sales?store=&scale=&plu=&day=YYYY-MM-DD&limit=&offset=
 * GET    /api/sales/count?store=&scale=&plu=&day=    {"count": the sales that count (no voided one, as /api/sales/totals
 *        and the reports), "voided": the voided ones, "records": both, every sale /api/sales pages through}
 * GET    /api/sales/totals?store=&scale=&day=     per PLU: sales, mass, items, money, auto-picked, mismatches
 * </pre>
 */
public final class HttpApi implements AutoCloseable {
    private final Javalin app;

    public HttpApi(PriceRepository prices, PriceBookPublisher publisher, SalesQueries sales, ScaleTracker scales,
                   SalesIngest ingest, Guard guard) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(MessageCodec.mapper(), false));
            cfg.http.maxRequestSize = 8_000_000L; // a 5,000-PLU import
            // a request is the method its request line says, never X-HTTP-Method-Override's (Javalin would take it)
            cfg.jetty.modifyServletContextHandler(NoMethodOverride::install);
        });
        // every answer: no framing by another site (clickjacking: X-Frame-Options for old browsers, CSP
        // frame-ancestors for new ones), no content sniffing; the API's data is never kept by a browser or proxy
        app.before(ctx -> {
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Content-Security-Policy", "frame-ancestors 'none'");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "same-origin");
            if (ctx.path().startsWith("/api/")) ctx.header("Cache-Control", "no-store");
        });
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        app.exception(com.freshscale.server.ingest.QuarantineRelease.Conflict.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        app.exception(DataException.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
        // Javalin's own 404/405 (no such route) answer in plain text; keep every error JSON
        app.error(404, ctx -> {
            if (ctx.attribute(ERROR) == null) error(ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path());
        });
        app.error(405, ctx -> error(ctx, 405, "method not allowed: " + ctx.method() + " " + ctx.path()));
        guard.install(app);

        app.get("/api/health", ctx -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("version", SoftwareVersion.of(HttpApi.class));
            h.put("salesStored", ingest.stored());
            h.put("duplicatesIgnored", ingest.duplicates());
            h.put("priceBooksPending", !publisher.idle());
            ctx.json(h);
        });

        app.get("/api/stores", ctx -> {
            Account who = Guard.account(ctx);
            ctx.json(prices.stores().stream().filter(st -> who.mayAccess(st.storeId())).toList());
        });
        app.get("/api/stores/{store}", ctx -> ctx.json(prices.store(ctx.pathParam("store"))));
        app.put("/api/stores/{store}", ctx -> {
            StoreBody b = StoreBody.of(body(ctx, com.fasterxml.jackson.databind.JsonNode.class));
            PriceRepository.Store saved = prices.putStore(ctx.pathParam("store"), b.name(), b.currency(), b.timeZone());
            ingest.storesChanged(); // the store's business day may have moved: sales from now on count in its zone
            ctx.json(saved);
        });

        app.get("/api/stores/{store}/plus", ctx -> ctx.json(prices.items(ctx.pathParam("store")).stream().map(HttpApi::item).toList()));
        app.post("/api/stores/{store}/plus", ctx -> {
            Plu[] list = body(ctx, Plu[].class);
            ctx.json(Map.of("saved", prices.putPlus(ctx.pathParam("store"), java.util.Arrays.asList(list), confirmations(ctx), user(ctx))));
        });
        app.get("/api/stores/{store}/plus/{code}", ctx -> ctx.json(item(prices.item(ctx.pathParam("store"), ctx.pathParam("code")))));
        app.put("/api/stores/{store}/plus/{code}", ctx -> {
            Plu plu = body(ctx, Plu.class);
            if (!plu.code().equals(ctx.pathParam("code"))) throw new IllegalArgumentException("PLU code in body differs from URL");
            prices.putPlu(ctx.pathParam("store"), plu, confirmations(ctx), user(ctx));
            ctx.json(item(prices.item(ctx.pathParam("store"), plu.code())));
        });
        app.delete("/api/stores/{store}/plus/{code}", ctx -> {
            prices.deletePlu(ctx.pathParam("store"), ctx.pathParam("code"), user(ctx));
            ctx.status(204);
        });

        app.get("/api/stores/{store}/scheduled-prices", ctx -> ctx.json(prices.scheduledPrices(ctx.pathParam("store"))));
        app.post("/api/stores/{store}/scheduled-prices", ctx -> {
            ctx.status(201).json(prices.addScheduledPrice(ctx.pathParam("store"), body(ctx, ScheduledPrice.class), confirmations(ctx),
                    user(ctx)));
        });
        app.delete("/api/stores/{store}/scheduled-prices/{id}", ctx -> {
            prices.deleteScheduledPrice(ctx.pathParam("store"), ctx.pathParam("id"), confirmations(ctx), user(ctx));
            ctx.status(204);
        });

        app.get("/api/stores/{store}/promotions", ctx -> ctx.json(prices.promotions(ctx.pathParam("store"))));
        app.put("/api/stores/{store}/promotions/{id}", ctx -> {
            Promotion p = body(ctx, Promotion.class);
            if (!p.id().equals(ctx.pathParam("id"))) throw new IllegalArgumentException("promotion id in body differs from URL");
            ctx.json(prices.putPromotion(ctx.pathParam("store"), p, confirmations(ctx), user(ctx)));
        });
        app.delete("/api/stores/{store}/promotions/{id}", ctx -> {
            prices.deletePromotion(ctx.pathParam("store"), ctx.pathParam("id"), user(ctx));
            ctx.status(204);
        });

        app.post("/api/stores/{store}/changes", ctx -> {
            com.freshscale.server.prices.ChangeSet changes = body(ctx, com.freshscale.server.prices.ChangeSet.class);
            String dry = ctx.queryParam("dryRun");
            if (dry != null && !dry.equals("true") && !dry.equals("false")) throw new IllegalArgumentException("dryRun must be true or false");
            if ("true".equals(dry)) {
                // the console's check of a draft: the same rules and messages as the publish, nothing written
                ctx.json(prices.check(ctx.pathParam("store"), changes));
                return;
            }
            ctx.json(Map.of("revision", prices.apply(ctx.pathParam("store"), changes, user(ctx)).revision()));
        });

        app.get("/api/stores/{store}/pricebook", ctx -> {
            String store = ctx.pathParam("store");
            prices.store(store); // 404 for an unknown store
            PriceBookPublisher.Published p = publisher.latest(store);
            if (p == null) throw new NotFoundException("no price book published yet for store " + store);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("storeId", p.storeId());
            m.put("version", p.version());
            m.put("publishedAt", p.publishedAt().toString());
            m.put("signed", MessageCodec.mapper().readTree(p.payload()));
            ctx.json(m);
        });

        app.get("/api/scales", ctx -> ctx.json(scales.scales(ctx.queryParam("store"))));
        app.post("/api/scales/{store}/{scale}/commands", ctx -> {
            CommandBody b = body(ctx, CommandBody.class);
            if (b.command() == null) throw new IllegalArgumentException("'command' is required: one of "
                    + java.util.Arrays.toString(ScaleCommand.Command.values()));
            try {
                ctx.status(202).json(Map.of("id", scales.send(ctx.pathParam("store"), ctx.pathParam("scale"), b.command(),
                        Guard.account(ctx).userName())));
            } catch (RuntimeException e) {
                if (!ScaleTracker.limited(e)) throw e;
                ctx.header("Retry-After", Long.toString(ScaleTracker.retryAfterSeconds(e)));
                error(ctx, 429, e.getMessage());
            }
        });

        app.get("/api/sales", ctx -> ctx.json(sales.sales(new SalesQueries.Filter(ctx.queryParam("store"),
                ctx.queryParam("scale"), ctx.queryParam("plu"), day(ctx), intParam(ctx, "limit", 100),
                intParam(ctx, "offset", 0)))));
        app.get("/api/sales/count", ctx -> {
            SalesQueries.Counts n = sales.count(ctx.queryParam("store"), ctx.queryParam("scale"), ctx.queryParam("plu"), day(ctx));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", n.counted());
            m.put("voided", n.voided());
            m.put("records", n.records());
            ctx.json(m);
        });
        app.get("/api/sales/totals", ctx -> ctx.json(sales.totalsByPlu(ctx.queryParam("store"),
                ctx.queryParam("scale"), day(ctx))));
        com.freshscale.server.ingest.QuarantineRelease releases = ingest.releases();
        app.post("/api/quarantine/{id}/release", ctx -> {
            com.fasterxml.jackson.databind.JsonNode b = body(ctx, com.fasterxml.jackson.databind.JsonNode.class);
            if (!b.isObject()) throw new IllegalArgumentException("request body must be a JSON object {\"note\": \"...\"}");
            b.fieldNames().forEachRemaining(f -> {
                if (!f.equals("note")) throw new IllegalArgumentException("unknown field '" + f + "' (a release has a note)");
            });
            com.fasterxml.jackson.databind.JsonNode note = b.get("note");
            if (note != null && !note.isNull() && !note.isTextual()) throw new IllegalArgumentException("'note' must be a string");
            ctx.json(releases.release(ctx.pathParam("id"), blankToNull(ctx.queryParam("store")), blankToNull(ctx.queryParam("scale")),
                    Guard.account(ctx).userName(), note == null || note.isNull() ? null : note.asText()));
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Who is making a change, for the price history. */
    private static String user(Context ctx) {
        Account a = Guard.account(ctx);
        return a == null ? com.freshscale.server.prices.PriceRepository.NO_ACCOUNT : a.userName();
    }

    /**
     * Confirmations of price changes the guard asks about, for the single-item routes: {@code ?confirm=CODE:OLD:NEW}
     * (minor units; OLD {@code new} for an item created), repeated for several. A change set carries them in its body.
     */
    static java.util.List<com.freshscale.server.prices.PriceConfirmation> confirmations(Context ctx) {
        java.util.List<com.freshscale.server.prices.PriceConfirmation> out = new java.util.ArrayList<>();
        for (String c : ctx.queryParams("confirm")) {
            // CODE:OLD:NEW, or CODE:OLD:NEW:CHANGE for a change of sale type or tare (CHANGE as the dry run names it)
            String[] f = c.split(":", 4);
            try {
                if (f.length < 3) throw new NumberFormatException();
                out.add(new com.freshscale.server.prices.PriceConfirmation(f[0], f[1].equals("new") ? null : Long.parseLong(f[1]),
                        Long.parseLong(f[2]), f.length == 4 ? f[3] : null));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("confirm must be CODE:OLD:NEW in minor units (OLD 'new' for a new item), or "
                        + "CODE:OLD:NEW:CHANGE (e.g. 4011:199:199:saleType:PER_KG:PER_PIECE), not '" + c + "'");
            }
        }
        return out;
    }

    /** A store as PUT: name and currency required, timeZone optional (absent or null: the chain's zone). */
    record StoreBody(String name, String currency, String timeZone) {
        static StoreBody of(com.fasterxml.jackson.databind.JsonNode n) {
            if (!n.isObject()) throw new IllegalArgumentException("request body must be a JSON object {name, currency, timeZone?}");
            n.fieldNames().forEachRemaining(f -> {
                if (!java.util.Set.of("name", "currency", "timeZone").contains(f)) {
                    throw new IllegalArgumentException("unknown field '" + f + "' (a store has name, currency, timeZone)");
                }
            });
            return new StoreBody(text(n, "name", true), text(n, "currency", true), text(n, "timeZone", false));
        }

        private static String text(com.fasterxml.jackson.databind.JsonNode n, String field, boolean required) {
            com.fasterxml.jackson.databind.JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                if (required) throw new IllegalArgumentException("'" + field + "' is required");
                return null;
            }
            if (!v.isTextual()) throw new IllegalArgumentException("'" + field + "' must be a string");
            return v.asText();
        }
    }

    record CommandBody(ScaleCommand.Command command) {}

    /** The HTTP server, for the console's pages and reports to add their routes before {@link #start}. */
    public Javalin javalin() {
        return app;
    }

    public HttpApi start(String host, int port) {
        Guard.requireRulesFor(app);
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private static final String ERROR = "freshscale.error";

    private static void error(Context ctx, int status, String message) {
        ctx.attribute(ERROR, message);
        ctx.status(status).json(Map.of("error", message == null ? "error" : message));
    }

    /** The request body read as {@code type}; what is wrong with it is said in the API's words ({@link JsonBodyError}). */
    /**
     * The price an item is sold at now, which GET .../plus and .../plus/{code} add to each item: its base
     * {@code unitPriceMinor}, or the scheduled price that started last. Read-only: an item sent back with it (a
     * client's GET → edit → PUT) is taken without it.
     */
    static final String PRICE_IN_FORCE = "priceInForceMinor";

    /** An item as the API shows it: its fields and {@link #PRICE_IN_FORCE}. */
    private static com.fasterxml.jackson.databind.node.ObjectNode item(com.freshscale.server.prices.PriceRepository.Item i) {
        com.fasterxml.jackson.databind.node.ObjectNode n = MessageCodec.mapper().valueToTree(i.plu());
        n.put(PRICE_IN_FORCE, i.priceInForceMinor());
        return n;
    }

    /** {@code body} without the read-only {@link #PRICE_IN_FORCE} of the items in it (a PLU, a list of them, a change set). */
    private static com.fasterxml.jackson.databind.JsonNode withoutReadOnly(com.fasterxml.jackson.databind.JsonNode body) {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> items = new java.util.ArrayList<>();
        if (body.isObject() && (body.has("putPlus") || body.has("createPlus"))) {
            for (String list : java.util.List.of("putPlus", "createPlus")) {
                if (body.get(list) != null && body.get(list).isArray()) body.get(list).forEach(items::add);
            }
        } else if (body.isArray()) {
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        for (com.fasterxml.jackson.databind.JsonNode i : items) {
            if (i instanceof com.fasterxml.jackson.databind.node.ObjectNode o) o.remove(PRICE_IN_FORCE);
        }
        return body;
    }

    private static <T> T body(Context ctx, Class<T> type) {
        byte[] b = ctx.bodyAsBytes();
        String noun = JsonBodyError.noun(type);
        if (b.length == 0) throw new IllegalArgumentException("request body required: a " + noun + " in JSON");
        try {
            // items as GET shows them may come back with their read-only field: read as a tree, that field taken out
            boolean items = type == Plu.class || type == Plu[].class || type == com.freshscale.server.prices.ChangeSet.class;
            T v;
            if (items) {
                com.fasterxml.jackson.databind.JsonNode tree = JsonBodyError.reader().readTree(b);
                v = tree == null || tree.isNull() ? null : JsonBodyError.reader().forType(type).readValue(withoutReadOnly(tree));
            } else {
                v = JsonBodyError.reader().forType(type).readValue(b);
            }
            if (v == null) throw new IllegalArgumentException("request body must be a " + noun + " in JSON, not null");
            return v;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(JsonBodyError.message(noun, e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the request body: " + e.getMessage(), e);
        }
    }

    private static LocalDate day(Context ctx) {
        String d = ctx.queryParam("day");
        if (d == null) return null;
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("day must be YYYY-MM-DD, not '" + d + "'");
        }
    }

    private static int intParam(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, not '" + v + "'");
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
