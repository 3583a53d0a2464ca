package com.freshscale.server.console;

import com.freshscale.server.ingest.BusinessDays;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The series behind the console's charts: revenue and sales per business day and per hour of the store's clock,
 * the top items by revenue (as sold), and the recognition first-tile rate per day. Voided labels do not count.
 */
final class Charts {
    static final int TOP_ITEMS = 10;

    private final Reports reports;
    private final SaleColumns columns;
    private final BusinessDays days;

    Charts(Reports reports, SaleColumns columns, BusinessDays days) {
        this.reports = reports;
        this.columns = columns;
        this.days = days;
    }

    Map<String, Object> series(Reports.Filter f) {
        StringBuilder sql = new StringBuilder("SELECT store_id, sold_day, sold_at_ms, total_minor, plu_code, item_name, auto_picked, "
                + "chosen_rank, currency FROM sale");
        List<Object> args = Reports.where(sql, f, columns.counted());
        Map<String, long[]> perDay = new TreeMap<>();          // day → sales, revenue
        long[][] perHour = new long[24][2];                     // store clock hour → sales, revenue
        Map<String, long[]> items = new LinkedHashMap<>();      // plu + name → sales, revenue
        Map<String, long[]> firstTile = new TreeMap<>();        // day → first tile, chosen by the shopper
        java.util.Set<String> currencies = new java.util.TreeSet<>();
        Map<String, String> names = columns.currentNames();
        reports.query(sql.toString(), args, r -> {
            String store = r.getString(1);
            String day = r.getString(2);
            long total = r.getLong(4);
            currencies.add(r.getString(9));
            long[] d = perDay.computeIfAbsent(day, k -> new long[2]);
            d[0]++;
            d[1] += total;
            int hour = Instant.ofEpochMilli(r.getLong(3)).atZone(days.zone(store)).getHour();
            perHour[hour][0]++;
            perHour[hour][1] += total;
            String name = r.getString(6);
            String key = r.getString(5) + " " + (name != null ? name : names.getOrDefault(store + "/" + r.getString(5), ""));
            long[] it = items.computeIfAbsent(key.strip(), k -> new long[2]);
            it[0]++;
            it[1] += total;
            boolean auto = r.getBoolean(7);
            int rank = r.getInt(8);
            long[] t = firstTile.computeIfAbsent(day, k -> new long[2]);
            if (!auto) {
                t[1]++;
                if (rank == 1) t[0]++;
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("currencies", List.copyOf(currencies));
        List<Map<String, Object>> dayRows = new ArrayList<>();
        perDay.forEach((day, v) -> dayRows.add(row("day", day, v)));
        out.put("per_day", dayRows);
        List<Map<String, Object>> hourRows = new ArrayList<>();
        for (int h = 0; h < 24; h++) hourRows.add(row("hour", h, perHour[h]));
        out.put("per_hour", hourRows);
        out.put("top_items", items.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(TOP_ITEMS)
                .map(e -> row("item", e.getKey(), e.getValue())).toList());
        List<Map<String, Object>> rate = new ArrayList<>();
        firstTile.forEach((day, v) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", day);
            m.put("chosen", v[1]);
            m.put("first_tile", v[0]);
            m.put("first_tile_rate", v[1] == 0 ? null : Math.round(1000.0 * v[0] / v[1]) / 1000.0);
            rate.add(m);
        });
        out.put("first_tile", rate);
        return out;
    }

    private static Map<String, Object> row(String key, Object value, long[] v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        m.put("sales", v[0]);
        m.put("total_minor", v[1]);
        return m;
    }
}
