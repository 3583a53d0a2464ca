package com.freshscale.server.prices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.freshscale.protocol.Topics;
import com.freshscale.protocol.codec.MessageCodec;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.ScheduledPrice;
import com.freshscale.server.store.NotFoundException;
import com.freshscale.server.store.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Stores, PLUs, scheduled price changes and promotions as store managers edit them. Every change is one
 * transaction that also bumps the store's revision, which tells {@link PriceBookPublisher} to sign and
 * publish a new book. Invalid input is an {@link IllegalArgumentException} and changes nothing.
 */
public final class PriceRepository {
    private static final Pattern PLU_CODE = Pattern.compile("[0-9]{1,5}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern PROMOTION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /**
     * @param timeZone the store's own time zone for its business day (IANA name), or null for the chain's
     *                 ({@code --business-zone})
     */
    public record Store(String storeId, String name, String currency, String timeZone, long revision, long publishedVersion) {}

    /** A scheduled price change with its id (for deleting it). */
    public record Scheduled(String id, ScheduledPrice change) {}

    private final ServerDatabase database;
    private final Runnable onChange;

    public PriceRepository(ServerDatabase database, Runnable onChange) {
        this.database = database;
        this.onChange = onChange;
    }

    /** Creates or updates a store; {@code timeZone} null means the chain's business zone. */
    public Store putStore(String storeId, String name, String currency, String timeZone) {
        Topics.id(storeId);
        if (name == null || name.isBlank() || name.length() > 200) throw new IllegalArgumentException("name must be 1-200 characters");
        if (currency == null || !CURRENCY.matcher(currency).matches()) throw new IllegalArgumentException("currency must be an ISO 4217 code");
        // tz database names only: an offset ("+01:00", "UTC+1") would miss the store's daylight-saving changes
        if (timeZone != null && !java.time.ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw new IllegalArgumentException("timeZone '" + timeZone + "' is not a time zone name (e.g. Europe/Berlin)");
        }
        Store s = database.transaction(c -> {
            Store old = store(c, storeId);
            if (old == null) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO store (store_id, name, currency, time_zone, revision, "
                        + "published_revision, published_version) VALUES (?,?,?,?,1,0,0)")) {
                    p.setString(1, storeId);
                    p.setString(2, name);
                    p.setString(3, currency);
                    p.setString(4, timeZone);
                    p.executeUpdate();
                }
            } else {
                if (!old.currency().equals(currency) && countPlus(c, storeId) > 0) {
                    throw new IllegalArgumentException("store " + storeId + " has PLUs priced in " + old.currency()
                            + "; its currency cannot change");
                }
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE store SET name = ?, currency = ?, time_zone = ?, revision = revision + 1 WHERE store_id = ?")) {
                    p.setString(1, name);
                    p.setString(2, currency);
                    p.setString(3, timeZone);
                    p.setString(4, storeId);
                    p.executeUpdate();
                }
            }
            return store(c, storeId);
        });
        onChange.run();
        return s;
    }

    public List<Store> stores() {
        return database.read(c -> {
            List<Store> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT store_id, name, currency, time_zone, revision, published_version FROM store ORDER BY store_id");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(new Store(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getLong(6)));
            }
            return out;
        });
    }

    public Store store(String storeId) {
        return database.read(c -> requireStore(c, storeId));
    }

    public Plu putPlu(String storeId, Plu plu) {
        change(storeId, (c, s) -> putPlu(c, s, plu));
        return plu;
    }

    /**
     * A manager's edits, published together: every change in one transaction and one new price book
     * version, so the scales never price from half of them. All or nothing; returns the store's revision.
     */
    public long apply(String storeId, ChangeSet changes) {
        if (changes.isEmpty()) throw new IllegalArgumentException("the change set is empty: nothing to publish");
        return change(storeId, (c, s) -> {
            for (Plu plu : changes.putPlus()) putPlu(c, s, plu);
            for (Promotion promotion : changes.putPromotions()) putPromotion(c, storeId, promotion);
            for (ScheduledPrice sp : changes.addScheduledPrices()) addScheduledPrice(c, storeId, UUID.randomUUID().toString(), sp);
            for (String id : changes.deletePromotions()) deletePromotion(c, storeId, id);
            for (String id : changes.deleteScheduledPrices()) deleteScheduledPrice(c, storeId, id);
            for (String code : changes.deletePlus()) deletePlu(c, storeId, code);
        });
    }

    /** One manager's edit of a store that exists, made inside {@link #change}'s transaction. */
    @FunctionalInterface
    private interface Edit {
        void run(Connection c, Store store) throws SQLException;
    }

    /**
     * Runs {@code edit} on {@code storeId} (404 if there is no such store) in one transaction that also bumps
     * the store's revision, then tells the publisher. Returns the new revision.
     */
    private long change(String storeId, Edit edit) {
        long revision = database.transaction(c -> {
            Store s = requireStore(c, storeId);
            edit.run(c, s);
            requireDeliverable(c, storeId, s.publishedVersion() + 1);
            bump(c, storeId);
            return s.revision() + 1;
        });
        onChange.run();
        return revision;
    }

    /**
     * The largest price book a change may make, as signed (compact table, before compression): half of what a
     * scale accepts ({@link com.freshscale.protocol.codec.MessageCodec#MAX_PRICEBOOK_BYTES}), the rest is headroom
     * for the signature and a later release's columns. A 5,000-PLU book is about 0.6 MB.
     */
    public static final int MAX_BOOK_BYTES = com.freshscale.protocol.codec.MessageCodec.MAX_PRICEBOOK_BYTES / 2;

    /**
     * Refuses, inside the change's transaction, a change after which the store's next book would be too large for
     * its scales: the manager learns it at once, and nothing is published that every scale would refuse.
     */
    private static void requireDeliverable(Connection c, String storeId, long version) throws SQLException {
        int size = com.freshscale.protocol.codec.PriceBookCodec.encode(book(c, storeId, version, Instant.now())).length;
        if (size > MAX_BOOK_BYTES) {
            throw new IllegalArgumentException("this change would make store " + storeId + "'s price book " + size / 1024
                    + " KiB, more than the " + MAX_BOOK_BYTES / 1024 + " KiB a scale takes: remove PLUs, names or promotions first");
        }
    }

    private static void putPlu(Connection c, Store s, Plu plu) throws SQLException {
        validate(plu);
        requireCurrency(s, plu);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO plu (store_id, code, plu_json) VALUES (?,?,?) "
                + "ON CONFLICT (store_id, code) DO UPDATE SET plu_json = excluded.plu_json")) {
            p.setString(1, s.storeId());
            p.setString(2, plu.code());
            p.setString(3, json(plu));
            p.executeUpdate();
        }
    }

    /** Creates or replaces many PLUs in one transaction (a store's import); all or nothing. */
    public int putPlus(String storeId, List<Plu> plus) {
        for (Plu plu : plus) validate(plu);
        change(storeId, (c, s) -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO plu (store_id, code, plu_json) VALUES (?,?,?) "
                    + "ON CONFLICT (store_id, code) DO UPDATE SET plu_json = excluded.plu_json")) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (Plu plu : plus) {
                    if (!seen.add(plu.code())) throw new IllegalArgumentException("PLU " + plu.code() + " appears twice");
                    requireCurrency(s, plu);
                    p.setString(1, storeId);
                    p.setString(2, plu.code());
                    p.setString(3, json(plu));
                    p.addBatch();
                }
                p.executeBatch();
            }
        });
        return plus.size();
    }

    private static void requireCurrency(Store s, Plu plu) {
        if (!s.currency().equals(plu.currency())) {
            throw new IllegalArgumentException("PLU " + plu.code() + " priced in " + plu.currency() + ", store " + s.storeId()
                    + " uses " + s.currency());
        }
    }

    private static void validate(Plu plu) {
        if (!PLU_CODE.matcher(plu.code()).matches()) throw new IllegalArgumentException("PLU code must be 1-5 digits: " + plu.code());
        if (plu.names().isEmpty()) throw new IllegalArgumentException("PLU " + plu.code() + " needs at least one name");
        if (plu.unitPriceMinor() < 0) throw new IllegalArgumentException("PLU " + plu.code() + ": unitPriceMinor must be >= 0");
        if (plu.presetTareMg() < 0 || plu.shelfLifeDays() < 0) {
            throw new IllegalArgumentException("PLU " + plu.code() + ": presetTareMg and shelfLifeDays must be >= 0");
        }
    }

    public void deletePlu(String storeId, String code) {
        change(storeId, (c, s) -> deletePlu(c, storeId, code));
    }

    private static void deletePlu(Connection c, String storeId, String code) throws SQLException {
        deleteRow(c, "DELETE FROM plu WHERE store_id = ? AND code = ?", storeId, code, "no PLU ");
    }

    public List<Plu> plus(String storeId) {
        return database.read(c -> {
            requireStore(c, storeId);
            return plus(c, storeId);
        });
    }

    public Plu plu(String storeId, String code) {
        return database.read(c -> {
            requireStore(c, storeId);
            try (PreparedStatement p = c.prepareStatement("SELECT plu_json FROM plu WHERE store_id = ? AND code = ?")) {
                p.setString(1, storeId);
                p.setString(2, code);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) throw new NotFoundException("no PLU " + code + " in store " + storeId);
                    return parse(r.getString(1), Plu.class);
                }
            }
        });
    }

    public Scheduled addScheduledPrice(String storeId, ScheduledPrice change) {
        String id = UUID.randomUUID().toString();
        change(storeId, (c, s) -> addScheduledPrice(c, storeId, id, change));
        return new Scheduled(id, change);
    }

    private static void addScheduledPrice(Connection c, String storeId, String id, ScheduledPrice change) throws SQLException {
        if (change.unitPriceMinor() < 0) throw new IllegalArgumentException("unitPriceMinor must be >= 0");
        requirePlu(c, storeId, change.pluCode());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO scheduled_price (id, store_id, plu_code, "
                + "unit_price_minor, effective_from_ms) VALUES (?,?,?,?,?)")) {
            p.setString(1, id);
            p.setString(2, storeId);
            p.setString(3, change.pluCode());
            p.setLong(4, change.unitPriceMinor());
            p.setLong(5, change.effectiveFrom().toEpochMilli());
            p.executeUpdate();
        }
    }

    public List<Scheduled> scheduledPrices(String storeId) {
        return database.read(c -> {
            requireStore(c, storeId);
            return scheduled(c, storeId);
        });
    }

    public void deleteScheduledPrice(String storeId, String id) {
        change(storeId, (c, s) -> deleteScheduledPrice(c, storeId, id));
    }

    private static void deleteScheduledPrice(Connection c, String storeId, String id) throws SQLException {
        deleteRow(c, "DELETE FROM scheduled_price WHERE store_id = ? AND id = ?", storeId, id, "no scheduled price ");
    }

    public Promotion putPromotion(String storeId, Promotion promotion) {
        change(storeId, (c, s) -> putPromotion(c, storeId, promotion));
        return promotion;
    }

    private static void putPromotion(Connection c, String storeId, Promotion promotion) throws SQLException {
        if (!PROMOTION_ID.matcher(promotion.id()).matches()) throw new IllegalArgumentException("promotion id must be 1-64 of A-Z a-z 0-9 _ . : -");
        if (!promotion.validUntil().isAfter(promotion.validFrom())) throw new IllegalArgumentException("validUntil must be after validFrom");
        if (promotion.value() < 0) throw new IllegalArgumentException("value must be >= 0");
        if (promotion.kind() == com.freshscale.protocol.pricebook.PromotionKind.PERCENT_OFF && promotion.value() > 10_000) {
            throw new IllegalArgumentException("PERCENT_OFF value is in basis points, at most 10000");
        }
        requirePlu(c, storeId, promotion.pluCode());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO promotion (store_id, id, promotion_json) VALUES (?,?,?) "
                + "ON CONFLICT (store_id, id) DO UPDATE SET promotion_json = excluded.promotion_json")) {
            p.setString(1, storeId);
            p.setString(2, promotion.id());
            p.setString(3, json(promotion));
            p.executeUpdate();
        }
    }

    public List<Promotion> promotions(String storeId) {
        return database.read(c -> {
            requireStore(c, storeId);
            return promotions(c, storeId);
        });
    }

    public void deletePromotion(String storeId, String id) {
        change(storeId, (c, s) -> deletePromotion(c, storeId, id));
    }

    private static void deletePromotion(Connection c, String storeId, String id) throws SQLException {
        deleteRow(c, "DELETE FROM promotion WHERE store_id = ? AND id = ?", storeId, id, "no promotion ");
    }

    /** Runs one of the DELETE statements above; a key the store does not have is a 404 and rolls back. */
    private static void deleteRow(Connection c, String delete, String storeId, String key, String notFound) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(delete)) {
            p.setString(1, storeId);
            p.setString(2, key);
            if (p.executeUpdate() == 0) throw new NotFoundException(notFound + key + " in store " + storeId);
        }
    }

    /** The book of {@code storeId} as it is in the database now, with the given version. */
    static PriceBook book(Connection c, String storeId, long version, Instant effectiveFrom) throws SQLException {
        Store s = store(c, storeId);
        if (s == null) throw new NotFoundException("no store " + storeId);
        List<ScheduledPrice> sched = scheduled(c, storeId).stream().map(Scheduled::change).toList();
        return new PriceBook(storeId, version, effectiveFrom, s.currency(), plus(c, storeId), sched, promotions(c, storeId));
    }

    static Store store(Connection c, String storeId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT store_id, name, currency, time_zone, revision, published_version FROM store WHERE store_id = ?")) {
            p.setString(1, storeId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new Store(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getLong(6)) : null;
            }
        }
    }

    private static Store requireStore(Connection c, String storeId) throws SQLException {
        Store s = store(c, storeId);
        if (s == null) throw new NotFoundException("no store " + storeId);
        return s;
    }

    private static void requirePlu(Connection c, String storeId, String code) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM plu WHERE store_id = ? AND code = ?")) {
            p.setString(1, storeId);
            p.setString(2, code);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) throw new IllegalArgumentException("no PLU " + code + " in store " + storeId);
            }
        }
    }

    private static long countPlus(Connection c, String storeId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM plu WHERE store_id = ?")) {
            p.setString(1, storeId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static List<Plu> plus(Connection c, String storeId) throws SQLException {
        List<Plu> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT plu_json FROM plu WHERE store_id = ? ORDER BY code")) {
            p.setString(1, storeId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(parse(r.getString(1), Plu.class));
            }
        }
        return out;
    }

    private static List<Scheduled> scheduled(Connection c, String storeId) throws SQLException {
        List<Scheduled> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, plu_code, unit_price_minor, effective_from_ms "
                + "FROM scheduled_price WHERE store_id = ? ORDER BY effective_from_ms, id")) {
            p.setString(1, storeId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Scheduled(r.getString(1), new ScheduledPrice(r.getString(2), r.getLong(3),
                            Instant.ofEpochMilli(r.getLong(4)))));
                }
            }
        }
        return out;
    }

    private static List<Promotion> promotions(Connection c, String storeId) throws SQLException {
        List<Promotion> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT promotion_json FROM promotion WHERE store_id = ? ORDER BY id")) {
            p.setString(1, storeId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(parse(r.getString(1), Promotion.class));
            }
        }
        return out;
    }

    private static void bump(Connection c, String storeId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE store SET revision = revision + 1 WHERE store_id = ?")) {
            p.setString(1, storeId);
            p.executeUpdate();
        }
    }

    private static String json(Object o) {
        return new String(MessageCodec.encode(o), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            return MessageCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt " + type.getSimpleName() + " in the database: " + e.getMessage(), e);
        }
    }
}
