package com.freshscale.server.till;

import com.fasterxml.jackson.databind.JsonNode;
import com.freshscale.server.ingest.BusinessDays;
import com.freshscale.server.prices.PriceRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tills' side of the reconciliation and HQ's report, on the server's HTTP API. A POS system logs in with its
 * own account (role {@code till}, for its stores only; see {@link com.freshscale.server.auth.AccessRules}); a store
 * manager or HQ may import a till's exported file too.
 *
 * <pre>
 * POST /api/stores/{store}/till-scans      {"till": "till-3", "scans": [{"id", "barcode", "scannedAt", "priceMinor"?}, ...]}
 * POST /api/stores/{store}/till-scans/csv  Content-Type: text/csv, see {@link TillCsv}
 *                                          both → {"stored": n, "duplicates": m}; all or nothing
 * GET  /api/reports/reconciliation?store=&amp;from=&amp;to=[&amp;format=csv]        per store and day
 * GET  /api/reports/reconciliation/labels?store=&amp;day=[&amp;all=true][&amp;format=csv]  one day, barcode by barcode
 * GET  /api/stores/{store}/business-day     {"storeId", "timeZone", "ownZone", "today"}: the store's business day now, in
 *                                          the zone HQ counts its sales in (its own, else the chain's): what the
 *                                          console's date fields start from, not the browser's date
 * </pre>
 */
public final class TillRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(TillRoutes.class);
    private static final Set<String> UPLOAD_FIELDS = Set.of("till", "scans");
    private static final Set<String> SCAN_FIELDS = Set.of("id", "barcode", "scannedAt", "priceMinor");

    private TillRoutes() {
    }

    public static void register(Javalin app, TillScans scans, ReconciliationReport report, PriceRepository prices,
                                BusinessDays businessDays) {
        app.post("/api/stores/{store}/till-scans", ctx -> {
            String store = ctx.pathParam("store");
            prices.store(store); // 404 for an unknown store before the body is read
            List<TillScan> list = upload(ctx.bodyAsBytes());
            answer(ctx, store, "api", scans.store(store, list, "api"));
        });
        app.post("/api/stores/{store}/till-scans/csv", ctx -> {
            String store = ctx.pathParam("store");
            PriceRepository.Store s = prices.store(store);
            List<TillScan> list = TillCsv.parse(utf8(ctx.bodyAsBytes()), businessDays.zone(store), digits(s.currency()));
            answer(ctx, store, "csv", scans.store(store, list, "csv"));
        });
        app.get("/api/stores/{store}/business-day", ctx -> {
            String store = ctx.pathParam("store");
            prices.store(store); // 404 for an unknown store
            java.time.ZoneId zone = businessDays.zone(store);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("storeId", store);
            m.put("timeZone", zone.getId());
            m.put("ownZone", businessDays.hasOwnZone(store));
            m.put("today", businessDays.day(store, Instant.now()).toString());
            ctx.json(m);
        });
        app.get("/api/reports/reconciliation", ctx -> {
            List<ReconciliationReport.Day> days = report.days(blank(ctx.queryParam("store")), day(ctx, "from"), day(ctx, "to"));
            if (csv(ctx)) {
                StringBuilder out = new StringBuilder("store,day,currency,printed,printed_value,paid_at_scale,paid_at_scale_value,"
                        + "paid_and_scanned,scanned_at_till,scanned_at_till_value,never_scanned,never_scanned_value,"
                        + "scanned_not_printed,scanned_not_printed_value,scanned_twice,scanned_twice_value,scans\r\n");
                for (ReconciliationReport.Day d : days) {
                    Reconciliation.Totals t = d.totals();
                    int digits = digits(d.currency());
                    out.append(String.join(",", field(d.storeId()), d.day().toString(), d.currency(),
                            tally(t.printed(), digits), tally(t.paidAtScale(), digits), Long.toString(t.paidAndScanned()),
                            tally(t.scannedAtTill(), digits), tally(t.neverScanned(), digits), tally(t.scannedNotPrinted(), digits),
                            tally(t.scannedTwice(), digits), Long.toString(t.scans()))).append("\r\n");
                }
                send(ctx, "till-reconciliation.csv", out);
            } else {
                ctx.json(days);
            }
        });
        app.get("/api/reports/reconciliation/labels", ctx -> {
            String store = blank(ctx.queryParam("store"));
            LocalDate day = day(ctx, "day");
            String all = ctx.queryParam("all");
            if (all != null && !all.equals("true") && !all.equals("false")) throw new IllegalArgumentException("all must be true or false");
            List<Reconciliation.BarcodeLine> lines = report.lines(store, day, !"true".equals(all));
            if (csv(ctx)) {
                int digits = digits(prices.store(store).currency());
                StringBuilder out = new StringBuilder("barcode,plu,printed,paid_at_scale,scanned,matched,never_scanned,"
                        + "never_scanned_value,scanned_not_printed,scanned_twice,surplus_value,tills,never_scanned_labels\r\n");
                for (Reconciliation.BarcodeLine l : lines) {
                    List<String> labels = new ArrayList<>();
                    for (int i = 0; i < l.neverScannedSaleNumbers().size(); i++) labels.add("#" + l.neverScannedSaleNumbers().get(i));
                    out.append(String.join(",", l.barcode(), l.pluCode() == null ? "" : l.pluCode(), num(l.printed()),
                            num(l.paidAtScale()), num(l.scanned()), num(l.matched()), tally(l.neverScanned(), digits),
                            num(l.scannedNotPrinted()), num(l.scannedTwice()), money(l.surplusScans().valueMinor(), digits),
                            field(String.join(" ", l.tills())), field(String.join(" ", labels)))).append("\r\n");
                }
                send(ctx, "till-reconciliation-" + store + "-" + day + ".csv", out);
            } else {
                ctx.json(lines);
            }
        });
    }

    private static void answer(Context ctx, String store, String source, TillScans.Stored r) {
        LOG.info("till scans of store {} ({}): {} stored, {} already there", store, source, r.stored(), r.duplicates());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stored", r.stored());
        m.put("duplicates", r.duplicates());
        ctx.json(m);
    }

    /** The POS's JSON report, checked field by field: a clear reason for the first fault, nothing stored. */
    static List<TillScan> upload(byte[] body) {
        if (body.length == 0) throw new IllegalArgumentException("request body required: {\"till\", \"scans\": [...]}");
        JsonNode n;
        try {
            n = com.freshscale.server.http.JsonBodyError.reader().readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the parser's own words name its input source and Java types: the user's words instead, as every body gets
            throw new IllegalArgumentException(com.freshscale.server.http.JsonBodyError.message("till report", e));
        } catch (IOException e) {
            throw new IllegalArgumentException("the body could not be read: " + e.getMessage());
        }
        if (n == null || !n.isObject()) throw new IllegalArgumentException("the body must be a JSON object {\"till\", \"scans\"}");
        n.fieldNames().forEachRemaining(f -> {
            if (!UPLOAD_FIELDS.contains(f)) throw new IllegalArgumentException("unknown field '" + f + "' (a report has till, scans)");
        });
        JsonNode till = n.get("till");
        if (till == null || !till.isTextual()) throw new IllegalArgumentException("'till' is required: the till's id, a string");
        JsonNode list = n.get("scans");
        if (list == null || !list.isArray()) throw new IllegalArgumentException("'scans' is required: an array of scans");
        if (list.size() > TillScans.MAX_SCANS_PER_REPORT) {
            throw new IllegalArgumentException("at most " + TillScans.MAX_SCANS_PER_REPORT + " scans per report, not " + list.size());
        }
        List<TillScan> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String at = "scans[" + i + "]: ";
            try {
                if (!s.isObject()) throw new IllegalArgumentException("a scan is an object {id, barcode, scannedAt, priceMinor?}");
                s.fieldNames().forEachRemaining(f -> {
                    if (!SCAN_FIELDS.contains(f)) throw new IllegalArgumentException("unknown field '" + f + "'");
                });
                out.add(new TillScan(till.asText(), text(s, "id"), text(s, "barcode"), instant(text(s, "scannedAt")), price(s)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String text(JsonNode s, String field) {
        JsonNode v = s.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException("'" + field + "' is required, a string");
        return v.asText();
    }

    private static Instant instant(String s) {
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("scannedAt '" + s + "' is not an ISO 8601 instant like 2026-12-06T13:03:12Z");
        }
    }

    private static Long price(JsonNode s) {
        JsonNode v = s.get("priceMinor");
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new IllegalArgumentException("'priceMinor' must be an integer (minor units)");
        return v.asLong();
    }

    private static String utf8(byte[] body) {
        if (body.length == 0) throw new IllegalArgumentException("request body required: the till's CSV file");
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the file is not UTF-8 text");
        }
    }

    static int digits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }

    private static String tally(Reconciliation.Tally t, int digits) {
        return t.count() + "," + money(t.valueMinor(), digits);
    }

    private static String money(long minor, int digits) {
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    private static String num(long n) {
        return Long.toString(n);
    }

    /** RFC 4180; a leading = + - @ is quoted as text (a spreadsheet would run it as a formula). */
    static String field(String s) {
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) s = "'" + s;
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
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

    private static boolean csv(Context ctx) {
        String f = ctx.queryParam("format");
        if (f == null || f.isBlank() || f.equals("json")) return false;
        if (f.equals("csv")) return true;
        throw new IllegalArgumentException("format must be json or csv");
    }

    private static void send(Context ctx, String name, CharSequence body) {
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .result(body.toString());
    }
}
