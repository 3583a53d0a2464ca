package com.freshscale.server.console;

import com.freshscale.server.store.ServerDatabase;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The manager console and HQ reports on the server's HTTP port: the pages (plain HTML/JS/CSS from
 * {@code /console} on the classpath, built on the JSON API) and the report endpoints they use.
 *
 * <pre>
 * GET /                           → /console/
 * GET /console/{file}             the pages
 * GET /api/reports/sales?by=store,day,plu&amp;store=&amp;scale=&amp;plu=&amp;from=&amp;to=[&amp;format=csv]
 * GET /api/reports/recognition?store=&amp;from=&amp;to=[&amp;format=csv]   per day: auto-pick, first-tile and mismatch rates
 * GET /api/reports/mismatches?store=&amp;limit=                          newest flagged sales (mismatch, implausible count), with the money at stake
 * GET /api/reports/voided?store=&amp;limit=                              newest voided sales (label never printed, or card payment reversed later: voided_at; the scale's time: scale_voided_at), with the reason
 * GET /api/reports/latest?store=&amp;limit=                              newest sales
 * GET /api/reports/sale-numbers?store=&amp;scale=&amp;limit=                sale numbers of a scale used by more than one sale id, newest first, with their sales
 * GET /api/reports/price-history?store=&amp;plu=&amp;limit=[&amp;format=csv]      every published change: who, when, old → new
 * GET /api/quarantine?store=&amp;limit=                                  newest quarantined sales, with the reason; a released one
 *                                                                     with released (true), releasedBy, releasedAt, releaseNote; releasable: not released and its sale id not stored
 * (POST /api/quarantine/{id}/release, HQ's release of a quarantined sale as counted: see HttpApi)
 * </pre>
 */
public final class ConsoleRoutes {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private ConsoleRoutes() {
    }

    public static void register(Javalin app, ServerDatabase database, java.time.ZoneId businessZone) {
        Reports reports = new Reports(database);
        com.freshscale.server.prices.BookVersions books = new com.freshscale.server.prices.BookVersions(database);
        Charts charts = new Charts(reports, reports.columns(), new com.freshscale.server.ingest.BusinessDays(database, businessZone));
        AtStake atStake = new AtStake(books);
        RecognitionItems recognitionItems = new RecognitionItems(reports, reports.columns(), atStake);
        app.get("/", ctx -> ctx.redirect("/console/"));
        // Javalin ignores trailing slashes: this serves /console and /console/ (the page links absolutely)
        app.get("/console/", ctx -> page(ctx, "index.html"));
        app.get("/console/{file}", ctx -> page(ctx, ctx.pathParam("file")));

        app.get("/api/reports/sales", ctx -> {
            // no ?by= at all: the report of old (store, day, PLU); ?by= empty (every box unticked): the sale lines
            String byParam = ctx.queryParam("by");
            if (byParam == null) byParam = "store,day,plu";
            List<String> by = Arrays.stream(byParam.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (by.isEmpty()) {
                lines(ctx, reports);
                return;
            }
            List<Map<String, Object>> rows = reports.sales(by, filter(ctx));
            if (csv(ctx)) {
                StringBuilder out = new StringBuilder();
                List<String> keys = new java.util.ArrayList<>(Reports.GROUPS.stream().filter(by::contains).toList());
                if (by.contains("plu")) keys.addAll(List.of("item_name", "sale_type"));
                out.append(String.join(",", keys)).append(",currency,sales,net_kg,items,total,mismatches,voided,discount\r\n");
                for (Map<String, Object> r : rows) {
                    for (String k : keys) out.append(Csv.field(String.valueOf(r.get(k) == null ? "" : r.get(k)))).append(',');
                    String cur = (String) r.get("currency");
                    out.append(cur).append(',').append(r.get("sales")).append(',')
                            .append(BigDecimal.valueOf((Long) r.get("net_mg"), 6).toPlainString()).append(',')
                            .append(r.get("items")).append(',')
                            .append(decimal(String.valueOf(r.get("total_minor")), cur)).append(',')
                            .append(r.get("mismatches")).append(',').append(r.get("voided")).append(',')
                            .append(decimal(String.valueOf(r.get("discount_minor")), cur)).append("\r\n");
                }
                sendCsv(ctx, "sales-by-" + String.join("-", Reports.GROUPS.stream().filter(by::contains).toList()) + ".csv", out);
            } else {
                ctx.json(rows);
            }
        });
        app.get("/api/reports/sales-lines", ctx -> lines(ctx, reports));
        app.get("/api/reports/charts", ctx -> ctx.json(charts.series(filter(ctx))));
        app.get("/api/reports/recognition-items", ctx -> ctx.json(recognitionItems.report(filter(ctx))));
        app.get("/api/reports/recognition", ctx -> {
            List<Map<String, Object>> rows = reports.recognition(filter(ctx));
            if (csv(ctx)) {
                List<String> cols = List.of("day", "sales", "suggested", "auto_picked", "first_tile", "from_tiles", "searched",
                        "mismatches", "auto_pick_rate", "first_tile_rate", "mismatch_rate", "implausible_counts");
                StringBuilder out = new StringBuilder(String.join(",", cols)).append("\r\n");
                for (Map<String, Object> r : rows) {
                    out.append(String.join(",", cols.stream().map(c -> r.get(c) == null ? "" : String.valueOf(r.get(c))).toList()))
                            .append("\r\n");
                }
                sendCsv(ctx, "recognition-quality.csv", out);
            } else {
                ctx.json(rows);
            }
        });
        com.freshscale.server.prices.PriceHistory history = new com.freshscale.server.prices.PriceHistory(database);
        app.get("/api/reports/price-history", ctx -> {
            var entries = history.entries(new com.freshscale.server.prices.PriceHistory.Filter(blank(ctx.queryParam("store")),
                    blank(ctx.queryParam("plu")), null, null, limit(ctx, 1000, 100_000)));
            if (csv(ctx)) {
                StringBuilder out = new StringBuilder("changed_at,user,store,plu,field,old_value,new_value,currency,revision\r\n");
                for (var e : entries) {
                    boolean price = e.field().startsWith("price");
                    out.append(e.changedAt()).append(',').append(Csv.field(e.user())).append(',').append(Csv.field(e.storeId())).append(',')
                            .append(e.pluCode()).append(',').append(Csv.field(e.field())).append(',')
                            .append(Csv.field(price ? decimal(e.oldValue(), e.currency()) : nullToEmpty(e.oldValue()))).append(',')
                            .append(Csv.field(price ? decimal(e.newValue(), e.currency()) : nullToEmpty(e.newValue()))).append(',')
                            .append(e.currency()).append(',').append(e.revision()).append("\r\n");
                }
                sendCsv(ctx, "price-history.csv", out);
            } else {
                ctx.json(entries);
            }
        });
        app.get("/api/reports/mismatches", ctx -> ctx.json(withAtStake(reports.mismatches(filter(ctx), limit(ctx, 50)), atStake)));
        app.get("/api/reports/voided", ctx -> ctx.json(reports.voided(filter(ctx), limit(ctx, 50))));
        app.get("/api/reports/latest", ctx -> ctx.json(reports.latest(filter(ctx), limit(ctx, 20))));
        app.get("/api/reports/sale-numbers", ctx -> {
            // a restored scale reuses numbers of days before: a PLU or a day range would hide one of the two uses
            for (String p : List.of("plu", "from", "to")) {
                if (blank(ctx.queryParam(p)) != null) {
                    throw new IllegalArgumentException("the sale-number report takes store, scale and limit, not '" + p
                            + "': it lists every reuse of a number, whatever was sold and whenever");
                }
            }
            ctx.json(reports.saleNumbers(blank(ctx.queryParam("store")), blank(ctx.queryParam("scale")), limit(ctx, 50, 1000)));
        });
        app.get("/api/quarantine", ctx -> ctx.json(quarantine(database, blank(ctx.queryParam("store")), limit(ctx, 100))));
    }

    /** Each flagged sale with {@code at_stake_minor}: what its load would have cost, less what was paid ({@link AtStake}). */
    static List<Map<String, Object>> withAtStake(List<Map<String, Object>> rows, AtStake atStake) {
        for (Map<String, Object> r : rows) {
            r.put("at_stake_minor", atStake.of(new AtStake.Flagged((String) r.get("store"), (String) r.get("plu"),
                    (String) r.get("recognised_plu"), (Boolean) r.get("mismatch"), Boolean.TRUE.equals(r.get("count_implausible")),
                    com.freshscale.protocol.pricebook.SaleType.valueOf((String) r.get("sale_type")), (Long) r.get("net_mg"),
                    (Long) r.get("items"), (Long) r.get("unit_price_minor"), (Long) r.get("total_minor"),
                    (Long) r.get("price_book_version"), java.time.Instant.parse((String) r.get("sold_at")))));
        }
        return rows;
    }

    /** The newest quarantined sales (never counted in a report), with why. */
    static List<Map<String, Object>> quarantine(ServerDatabase database, String store, int limit) {
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1 to 1000");
        return database.read(c -> {
            List<Map<String, Object>> out = new java.util.ArrayList<>();
            try (var p = c.prepareStatement("SELECT sale_id, store_id, scale_id, reason, detail, sale_json, received_at_ms, "
                    + "released_by, released_at_ms, release_note, "
                    + "(SELECT COUNT(*) FROM sale WHERE sale.sale_id = quarantined_sale.sale_id) "
                    + "FROM quarantined_sale" + (store == null ? "" : " WHERE store_id = ?") + " ORDER BY received_at_ms DESC, sale_id LIMIT ?")) {
                int i = 1;
                if (store != null) p.setString(i++, store);
                p.setInt(i, limit);
                try (var r = p.executeQuery()) {
                    while (r.next()) {
                        Map<String, Object> m = new java.util.LinkedHashMap<>();
                        m.put("saleId", r.getString(1));
                        m.put("storeId", r.getString(2));
                        m.put("scaleId", r.getString(3));
                        m.put("reason", r.getString(4));
                        m.put("detail", r.getString(5));
                        try {
                            m.put("sale", com.freshscale.protocol.codec.MessageCodec.mapper().readTree(r.getString(6)));
                        } catch (IOException e) {
                            m.put("sale", null);
                        }
                        m.put("receivedAt", java.time.Instant.ofEpochMilli(r.getLong(7)).toString());
                        // released by HQ (counted since), or not (null)
                        long releasedAt = r.getLong(9);
                        boolean released = !r.wasNull();
                        m.put("released", released);
                        m.put("releasedBy", r.getString(8));
                        m.put("releasedAt", released ? java.time.Instant.ofEpochMilli(releasedAt).toString() : null);
                        m.put("releaseNote", r.getString(10));
                        // HQ may release it: not released, and its sale id not stored (a new sale, not a re-send or late void)
                        m.put("releasable", !released && r.getLong(11) == 0
                                && com.freshscale.server.ingest.QuarantineReason.valueOf(r.getString(4)).releasable());
                        out.add(m);
                    }
                }
            }
            return out;
        });
    }

    /** Every sale as it was sold (the sales report with no grouping): JSON, or CSV with one line per label. */
    private static void lines(Context ctx, Reports reports) {
        boolean csv = csv(ctx);
        List<Map<String, Object>> rows = reports.lines(filter(ctx), limit(ctx, csv ? Reports.MAX_LINES : 1000, Reports.MAX_LINES));
        if (!csv) {
            ctx.json(rows);
            return;
        }
        StringBuilder out = new StringBuilder("sold_at,day,store,scale,sale_number,plu,item_name,sale_type,quantity,unit,unit_price,"
                + "regular_price,discount,total,currency,promotion,status\r\n");
        for (Map<String, Object> r : rows) {
            String cur = (String) r.get("currency");
            String type = (String) r.get("sale_type");
            boolean kg = "PER_KG".equals(type);
            Object regular = r.get("regular_unit_price_minor");
            Object discount = r.get("discount_minor");
            out.append(r.get("sold_at")).append(',').append(r.get("day")).append(',').append(Csv.field((String) r.get("store"))).append(',')
                    .append(Csv.field((String) r.get("scale"))).append(',').append(r.get("sale_number")).append(',').append(r.get("plu")).append(',')
                    .append(Csv.field(r.get("item_name") == null ? "" : (String) r.get("item_name"))).append(',').append(type).append(',')
                    .append(kg ? BigDecimal.valueOf((Long) r.get("net_mg"), 6).toPlainString() : String.valueOf(Math.max(1, (Long) r.get("items"))))
                    .append(',').append(kg ? "kg" : "PER_PIECE".equals(type) ? "pcs" : "label").append(',')
                    .append(decimal(String.valueOf(r.get("unit_price_minor")), cur)).append(',')
                    .append(regular == null ? "" : decimal(String.valueOf(regular), cur)).append(',')
                    .append(discount == null ? "" : decimal(String.valueOf(discount), cur)).append(',')
                    .append(decimal(String.valueOf(r.get("total_minor")), cur)).append(',').append(cur).append(',')
                    .append(Csv.field(r.get("promotion_text") != null ? (String) r.get("promotion_text")
                            : r.get("promotion_id") != null ? (String) r.get("promotion_id") : "")).append(',')
                    .append(r.get("status")).append("\r\n");
        }
        sendCsv(ctx, "sales-lines.csv", out);
    }

    private static void page(Context ctx, String file) throws IOException {
        // no slash and no "..": names like chart.umd.min.js, nothing outside /console
        if (!file.matches("[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(html|js|css|svg)")) {
            ctx.status(404).json(Map.of("error", "no such page: " + file));
            return;
        }
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/" + file)) {
            if (in == null) {
                ctx.status(404).json(Map.of("error", "no such page: " + file));
                return;
            }
            ctx.contentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1))).result(in.readAllBytes());
        }
    }

    private static Reports.Filter filter(Context ctx) {
        return new Reports.Filter(blank(ctx.queryParam("store")), blank(ctx.queryParam("scale")), blank(ctx.queryParam("plu")),
                day(ctx, "from"), day(ctx, "to"));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String param(Context ctx, String name, String dflt) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    private static LocalDate day(Context ctx, String name) {
        String d = blank(ctx.queryParam(name));
        if (d == null) return null;
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be YYYY-MM-DD, not '" + d + "'");
        }
    }

    private static int limit(Context ctx, int dflt) {
        return limit(ctx, dflt, Integer.MAX_VALUE);
    }

    private static int limit(Context ctx, int dflt, int max) {
        String v = blank(ctx.queryParam("limit"));
        if (v == null) return dflt;
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > max) throw new IllegalArgumentException("limit must be 1.." + max);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be an integer, not '" + v + "'");
        }
    }

    /** A price in minor units as a plain decimal of the currency ("229" EUR → "2.29"); empty for none. */
    static String decimal(String minor, String currency) {
        if (minor == null) return "";
        int digits = 2;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            // unknown to the JDK: two decimals
        }
        return BigDecimal.valueOf(Long.parseLong(minor), digits).toPlainString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static boolean csv(Context ctx) {
        String f = param(ctx, "format", "json");
        if (!f.equals("json") && !f.equals("csv")) throw new IllegalArgumentException("format must be json or csv");
        return f.equals("csv");
    }

    private static void sendCsv(Context ctx, String name, CharSequence body) {
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .result(body.toString());
    }

    /** RFC 4180 fields. */
    static final class Csv {
        private Csv() {
        }

        static String field(String s) {
            // a leading = + - @ would be run as a formula by a spreadsheet (CSV injection): quote it as text
            boolean formula = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0;
            if (formula) s = "'" + s;
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return "\"" + s.replace("\"", "\"\"") + "\"";
            return s;
        }
    }
}
