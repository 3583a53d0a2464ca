package com.freshscale.server.console;

import com.freshscale.protocol.pricebook.SaleType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recognition quality per item sold: how often the scale ranked it first, had it among the four tiles, picked it by
 * itself, and what it was taken for instead (the scale's first choice when that was another item). For the sales the
 * scale flagged (a cheaper item picked than the one it saw), the money at stake ({@link AtStake}): what the load would
 * have cost as the item it saw, at the sale's book prices, less what was paid.
 */
final class RecognitionItems {
    /** Tiles on the kiosk's pick screen. */
    static final int TILES = 4;

    private final Reports reports;
    private final SaleColumns columns;
    private final AtStake atStake;

    RecognitionItems(Reports reports, SaleColumns columns, AtStake atStake) {
        this.reports = reports;
        this.columns = columns;
        this.atStake = atStake;
    }

    Map<String, Object> report(Reports.Filter f) {
        StringBuilder sql = new StringBuilder("SELECT store_id, plu_code, item_name, recognised_plu, auto_picked, chosen_rank, mismatch, "
                + "sale_type, net_mg, item_count, total_minor, price_book_version, sold_at_ms, currency, unit_price_minor, "
                + "count_implausible FROM sale");
        List<Object> args = Reports.where(sql, f, columns.counted());
        Map<String, String> names = columns.currentNames();
        Map<String, Item> items = new TreeMap<>();
        long[] stake = new long[2]; // flagged sales, money at stake
        java.util.Set<String> currencies = new java.util.TreeSet<>();
        reports.query(sql.toString(), args, r -> {
            String store = r.getString(1);
            String plu = r.getString(2);
            String recognised = r.getString(4);
            boolean auto = r.getBoolean(5);
            int rank = r.getInt(6);
            boolean mismatch = r.getBoolean(7);
            Item it = items.computeIfAbsent(plu, k -> new Item());
            if (it.name == null) it.name = r.getString(3) != null ? r.getString(3) : names.get(store + "/" + plu);
            it.sales++;
            if (recognised != null) it.suggested++;
            if (plu.equals(recognised)) it.firstTile++;
            if (auto || (rank >= 1 && rank <= TILES)) it.amongFour++;
            if (auto) it.autoPicked++;
            if (recognised != null && !recognised.equals(plu)) {
                it.confusedWith.merge(recognised + " " + nameOf(names, store, recognised), 1L, Long::sum);
            }
            if (mismatch) {
                it.flagged++;
                currencies.add(r.getString(14));
                long atStake = this.atStake.of(new AtStake.Flagged(store, plu, recognised, true, r.getBoolean(16),
                        SaleType.valueOf(r.getString(8)), r.getLong(9), r.getLong(10), r.getLong(15), r.getLong(11), r.getLong(12),
                        Instant.ofEpochMilli(r.getLong(13))));
                it.atStakeMinor += atStake;
                stake[0]++;
                stake[1] += atStake;
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        items.forEach((plu, it) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plu", plu);
            m.put("item_name", it.name);
            m.put("sales", it.sales);
            m.put("suggested", it.suggested);
            m.put("first_tile", it.firstTile);
            m.put("among_four", it.amongFour);
            m.put("auto_picked", it.autoPicked);
            m.put("first_tile_rate", rate(it.firstTile, it.suggested));
            m.put("among_four_rate", rate(it.amongFour, it.sales));
            m.put("flagged", it.flagged);
            m.put("at_stake_minor", it.atStakeMinor);
            List<Map<String, Object>> confused = new ArrayList<>();
            it.confusedWith.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(3).forEach(e -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("item", e.getKey());
                c.put("times", e.getValue());
                confused.add(c);
            });
            m.put("confused_with", confused);
            rows.add(m);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", rows);
        out.put("flagged", stake[0]);
        out.put("at_stake_minor", stake[1]);
        out.put("currencies", List.copyOf(currencies));
        return out;
    }

    private static String nameOf(Map<String, String> names, String store, String plu) {
        return names.getOrDefault(store + "/" + plu, "").strip();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    private static final class Item {
        String name;
        long sales;
        long suggested;
        long firstTile;
        long amongFour;
        long autoPicked;
        long flagged;
        long atStakeMinor;
        final Map<String, Long> confusedWith = new LinkedHashMap<>();
    }
}
