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
    private final PriceGuard guard = PriceGuard.standard();

    public PriceRepository(ServerDatabase database, Runnable onChange) {
        this.database = database;
        this.onChange = onChange;
    }

    public PriceGuard guard() {
        return guard;
    }

    /** Creates or updates a store; {@code timeZone} null means the chain's business zone. */
    public Store putStore(String storeId, String name, String currency, String timeZone) {
        Topics.id(storeId);
        if (name == null || name.isBlank() || name.length() > 200) throw new IllegalArgumentException("name must be 1-200 characters");
        TextRules.check("the store name", name);
        if (currency == null || !CURRENCY.matcher(currency).matches()) throw new IllegalArgumentException("currency must be an ISO 4217 code");
        requireMoney(currency);
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

    /**
     * Refuses an ISO 4217 code that is no money a label can carry: one the JDK does not know, or one without minor
     * units ({@link java.util.Currency#getDefaultFractionDigits()} -1: XXX "no currency", XTS for testing, the precious
     * metals XAU, XAG, XPT, XPD, the units XDR, XSU, XUA, XBA–XBD). Prices are kept, signed, printed and encoded in the
     * barcode in a currency's minor units; the CFA and CFP francs (XAF, XOF, XPF) and the East Caribbean dollar (XCD)
     * are real money and stay allowed.
     */
    static void requireMoney(String currency) {
        java.util.Currency c;
        try {
            c = java.util.Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency '" + currency + "' is not an ISO 4217 currency code (e.g. EUR, CHF, GBP)");
        }
        if (c.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency '" + currency + "' (" + c.getDisplayName(java.util.Locale.ENGLISH)
                    + ") is not money a price can be in: it has no minor units (e.g. EUR, CHF, GBP)");
        }
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

    /** Who made a change that came through the Java API rather than a logged-in account (tests, tools). */
    public static final String NO_ACCOUNT = "(server)";

    /** One field of one item changed by a change set: {@code oldValue} null when created, {@code newValue} null when removed. */
    public record FieldChange(String pluCode, String field, String oldValue, String newValue) {}

    /**
     * What a change set would do, without doing it: each field it changes and the confirmations it needs. A change
     * set the rules refuse is refused here with the same message as on publishing.
     */
    public record Check(List<FieldChange> changes, List<PriceConfirmation.Needed> confirmations) {}

    /** A published change set: the store's new revision and the ids given to the scheduled price changes it added. */
    public record Applied(long revision, List<String> scheduledIds) {}

    public Plu putPlu(String storeId, Plu plu) {
        return putPlu(storeId, plu, List.of(), NO_ACCOUNT);
    }

    /** Creates or replaces one item (HTTP PUT); a price change the guard asks about needs its confirmation. */
    public Plu putPlu(String storeId, Plu plu, List<PriceConfirmation> confirmations, String user) {
        apply(storeId, new ChangeSet(List.of(plu), List.of(), List.of(), List.of(), List.of(), List.of()).confirming(confirmations), user);
        return plu(storeId, plu.code());
    }

    public long apply(String storeId, ChangeSet changes) {
        return apply(storeId, changes, NO_ACCOUNT).revision();
    }

    /**
     * A manager's edits, published together: every change in one transaction and one new price book
     * version, so the scales never price from half of them. All or nothing: a change the rules refuse, or one that
     * needs a confirmation the set does not carry, changes nothing. Each changed field is kept in the price history
     * with {@code user} and the time.
     */
    public Applied apply(String storeId, ChangeSet changes, String user) {
        if (changes.isEmpty()) throw new IllegalArgumentException("the change set is empty: nothing to publish");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < changes.addScheduledPrices().size(); i++) ids.add(UUID.randomUUID().toString());
        long revision = change(storeId, (c, s) -> {
            Plan planned = plan(c, s, changes);
            Check plan = planned.check();
            List<String> missing = plan.confirmations().stream().filter(n -> !changes.confirmPriceChanges().contains(n.confirmation()))
                    .map(PriceConfirmation.Needed::message).toList();
            if (!missing.isEmpty()) throw new IllegalArgumentException(String.join("; ", missing));
            for (Plu plu : changes.createPlus()) putPlu(c, s, normalise(plu));
            for (Plu plu : changes.putPlus()) putPlu(c, s, normalise(plu));
            for (Promotion promotion : changes.putPromotions()) putPromotion(c, storeId, promotion);
            for (int i = 0; i < changes.addScheduledPrices().size(); i++) addScheduledPrice(c, storeId, ids.get(i), changes.addScheduledPrices().get(i));
            for (String id : changes.deletePromotions()) deletePromotion(c, storeId, id);
            for (String id : changes.deleteScheduledPrices()) deleteScheduledPrice(c, storeId, id);
            for (String id : planned.folded()) deleteScheduledPrice(c, storeId, id);
            for (String code : changes.deletePlus()) deletePlu(c, storeId, code);
            PriceHistory.record(c, s, plan.changes(), user, s.revision() + 1);
        });
        return new Applied(revision, List.copyOf(ids));
    }

    /** What {@code changes} would do to {@code storeId}, and the confirmations it needs; refused like {@link #apply}. */
    public Check check(String storeId, ChangeSet changes) {
        if (changes.isEmpty()) throw new IllegalArgumentException("the change set is empty: nothing to publish");
        return database.read(c -> plan(c, requireStore(c, storeId), changes).check());
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

    private Plu normalise(Plu plu) {
        return ItemRules.normalise(plu, PriceGuard.DEFAULT_LARGEST_NET_MG);
    }

    /**
     * A change set checked: what it does ({@link Check}) and the ids of the scheduled prices that had started for an item
     * whose price it sets, which go with it (the new price is in force from now, not under the older scheduled one).
     */
    private record Plan(Check check, List<String> folded) {}

    /** Checks every change against the store as it is in {@code c}: the one place the rules of a publish are applied. */
    private Plan plan(Connection c, Store s, ChangeSet cs) throws SQLException {
        Instant now = Instant.now();
        java.util.Map<String, Plu> items = new java.util.LinkedHashMap<>();
        for (Plu p : plus(c, s.storeId())) items.put(p.code(), p);
        List<Promotion> storedPromotions = promotions(c, s.storeId());
        List<Scheduled> storedScheduled = scheduled(c, s.storeId());
        List<ScheduledPrice> scheduledBefore = storedScheduled.stream().map(Scheduled::change).toList();
        // the price each item is sold at now: its base, or the scheduled price that started last
        java.util.Map<String, Long> pricesBefore = new java.util.HashMap<>();
        items.forEach((code, p) -> pricesBefore.put(code, PriceBook.unitPriceAt(code, p.unitPriceMinor(), scheduledBefore, now)));
        java.util.Map<String, Plu> itemsBefore = new java.util.HashMap<>(items);
        java.util.Set<String> judgedNow = new java.util.HashSet<>(); // items whose change now is judged with their new price
        List<String> folded = new ArrayList<>();
        List<FieldChange> out = new ArrayList<>();
        List<PriceConfirmation.Needed> needed = new ArrayList<>();
        java.util.Set<String> touched = new java.util.LinkedHashSet<>();
        List<Plu> created = new ArrayList<>();
        String cur = s.currency();
        for (int pass = 0; pass < 2; pass++) {
            for (Plu raw : pass == 0 ? cs.createPlus() : cs.putPlus()) {
                validate(raw);
                requireCurrency(s, raw);
                Plu p = normalise(raw);
                if (!touched.add(p.code())) throw new IllegalArgumentException("PLU " + p.code() + " appears twice in the changes");
                Plu old = items.get(p.code());
                if (old != null && pass == 0) {
                    throw new IllegalArgumentException("PLU " + p.code() + " already exists (" + old.name("en")
                            + "): change that item instead of creating it again");
                }
                guard.checkCeiling(p, p.unitPriceMinor(), cur);
                guard.checkTare(p);
                ItemReferences.checkLayout(p); // its labels can be printed: the code fits the item field, a weight layout only by weight
                if (old == null) {
                    created.add(p);
                    out.add(new FieldChange(p.code(), "item", null, p.name("en")));
                    out.add(new FieldChange(p.code(), "price", null, String.valueOf(p.unitPriceMinor())));
                    guard.confirmation(p, null, p.unitPriceMinor(), cur, "new item at ").ifPresent(needed::add);
                } else {
                    long was = pricesBefore.get(p.code());
                    // a new price is the price from now: the scheduled prices of the item that have started go (the latest
                    // of them would otherwise stay in force at the scales over it); the same price leaves them as they are
                    boolean priced = p.unitPriceMinor() != old.unitPriceMinor();
                    if (priced) {
                        for (Scheduled sc : storedScheduled) {
                            ScheduledPrice sp = sc.change();
                            if (!sp.pluCode().equals(p.code()) || sp.effectiveFrom().isAfter(now) || cs.deleteScheduledPrices().contains(sc.id())) continue;
                            folded.add(sc.id());
                            out.add(new FieldChange(p.code(), "price from " + sp.effectiveFrom(), String.valueOf(sp.unitPriceMinor()), null));
                        }
                    }
                    Plu sold = atPrice(old, was); // the item as the scales sell it now
                    for (String[] d : ItemRules.differences(priced ? sold : old, p)) out.add(new FieldChange(p.code(), d[0], d[1], d[2]));
                    guard.confirmation(p, priced ? was : old.unitPriceMinor(), p.unitPriceMinor(), cur, "").ifPresent(needed::add);
                    if (priced) judgedNow.add(p.code());
                    needed.addAll(guard.itemConfirmations(sold, priced ? p : atPrice(p, was), cur));
                }
                items.put(p.code(), p);
            }
        }
        List<ScheduledPrice> scheduledAfter = new ArrayList<>(cs.addScheduledPrices());
        for (Scheduled sc : storedScheduled) {
            if (!cs.deleteScheduledPrices().contains(sc.id()) && !folded.contains(sc.id())) scheduledAfter.add(sc.change());
        }
        java.util.Set<String> promotionsPut = new java.util.HashSet<>();
        java.util.Map<String, Promotion> promotions = new java.util.HashMap<>();
        for (Promotion p : storedPromotions) promotions.put(p.id(), p);
        for (Promotion promotion : cs.putPromotions()) {
            // printed on the label under the price, shown on the kiosk
            promotion.texts().forEach((lang, text) -> TextRules.check("promotion " + promotion.id() + ": the text (" + lang + ")", text));
            Plu p = items.get(promotion.pluCode());
            if (p == null) throw new IllegalArgumentException("no PLU " + promotion.pluCode() + " in store " + s.storeId());
            // kept as JSON, but a time no date field or scheduled price can have is no validity a manager means
            for (Instant t : List.of(promotion.validFrom(), promotion.validUntil())) {
                if (t.isBefore(FIRST_EFFECTIVE) || t.isAfter(LAST_EFFECTIVE)) {
                    throw new IllegalArgumentException("promotion " + promotion.id() + ": validFrom and validUntil must be times in the years "
                            + "0001 to 9999, not " + t);
                }
            }
            if (promotion.kind() == com.freshscale.protocol.pricebook.PromotionKind.NEW_PRICE) guard.checkCeiling(p, promotion.value(), cur);
            // the regular price in force when it starts (or now, if it has): what the promotional price is judged against
            Instant start = promotion.validFrom().isAfter(now) || !promotion.validUntil().isAfter(now) ? promotion.validFrom() : now;
            long regular = PriceBook.unitPriceAt(p.code(), p.unitPriceMinor(), scheduledAfter, start);
            requireCheaper(p, promotion, start, scheduledAfter, cur);
            // the promotional price is judged as a price change from the item's regular price (to zero, beyond ±50 %)
            guard.promotionConfirmation(p, regular, promotion, cur, "promotion " + promotion.id() + " (" + offer(promotion, cur) + "): ")
                    .ifPresent(needed::add);
            promotionsPut.add(promotion.id());
            String field = "promotion " + promotion.id();
            Promotion was = promotions.get(promotion.id());
            if (was != null && !was.pluCode().equals(promotion.pluCode())) {
                // the id moved to another item: it ended on the old one's history and began on the new one's
                out.add(new FieldChange(was.pluCode(), field, describe(was, cur), null));
                was = null;
            }
            out.add(new FieldChange(p.code(), field, was == null ? null : describe(was, cur), describe(promotion, cur)));
        }
        // the store's promotions that this change set neither replaces nor deletes
        List<Promotion> kept = storedPromotions.stream()
                .filter(promotion -> !promotionsPut.contains(promotion.id()) && !cs.deletePromotions().contains(promotion.id())).toList();
        // a promotion in force or to come whose item's price changes here is judged again at the new price: an amount off
        // may now be more than the price, or the cut go beyond ±50 %
        for (Promotion promotion : kept) {
            if (!promotion.validUntil().isAfter(now)) continue;
            Plu p = items.get(promotion.pluCode());
            Long before = pricesBefore.get(promotion.pluCode());
            if (p == null || before == null || cs.deletePlus().contains(p.code())) continue;
            long after = PriceBook.unitPriceAt(p.code(), p.unitPriceMinor(), scheduledAfter, now);
            if (before == after) continue;
            guard.promotionConfirmation(p, after, promotion, cur, "promotion " + promotion.id() + " (" + offer(promotion, cur) + ") at the new price: ")
                    .ifPresent(needed::add);
        }
        for (ScheduledPrice sp : cs.addScheduledPrices()) {
            Plu p = items.get(sp.pluCode());
            if (p == null) throw new IllegalArgumentException("no PLU " + sp.pluCode() + " in store " + s.storeId());
            if (sp.unitPriceMinor() < 0) throw new IllegalArgumentException("unitPriceMinor must be >= 0");
            // kept as epoch milliseconds: a year like +999999999 does not fit (and is no date a price changes on)
            if (sp.effectiveFrom().isBefore(FIRST_EFFECTIVE) || sp.effectiveFrom().isAfter(LAST_EFFECTIVE)) {
                throw new IllegalArgumentException("effectiveFrom must be a time in the years 0001 to 9999, not " + sp.effectiveFrom());
            }
            if (sp.effectiveFrom().isBefore(now.minus(SCHEDULE_LEEWAY))) {
                throw new IllegalArgumentException("PLU " + p.code() + " " + p.name("en") + ": a scheduled price from " + sp.effectiveFrom()
                        + " starts in the past: change the item's price now instead (a scheduled price is for a change to come)");
            }
            guard.checkCeiling(p, sp.unitPriceMinor(), cur);
            // two prices of one item from the same instant: which one the scales charge would depend on the order of the list
            for (ScheduledPrice other : scheduledAfter) {
                if (other != sp && other.pluCode().equals(sp.pluCode())
                        && other.effectiveFrom().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                                .equals(sp.effectiveFrom().truncatedTo(java.time.temporal.ChronoUnit.MILLIS))) { // kept in ms
                    throw new IllegalArgumentException("PLU " + p.code() + " " + p.name("en") + ": there is already a scheduled price from "
                            + other.effectiveFrom() + " (" + PriceGuard.money(other.unitPriceMinor(), cur)
                            + "): delete it first, or schedule this one at another time");
                }
            }
            out.add(new FieldChange(p.code(), "price from " + sp.effectiveFrom(),
                    String.valueOf(PriceBook.unitPriceAt(p.code(), p.unitPriceMinor(), scheduledAfter, sp.effectiveFrom().minusNanos(1))),
                    String.valueOf(sp.unitPriceMinor())));
        }
        judgeSchedules(cs, items, itemsBefore, pricesBefore, scheduledBefore, scheduledAfter, judgedNow, now, cur, needed);
        // a scheduled price in force while a promotion of its item runs makes another promotional price: judged the same
        // way (1.00 off, with the price cut to 0.90 next month, would give the item away without anyone confirming it)
        List<Promotion> promotionsAfter = new ArrayList<>(cs.putPromotions());
        promotionsAfter.addAll(kept);
        java.util.Set<ScheduledPrice> scheduledAdded = new java.util.HashSet<>(cs.addScheduledPrices());
        for (ScheduledPrice sp : scheduledAfter) {
            Plu p = items.get(sp.pluCode());
            if (p == null || cs.deletePlus().contains(p.code())) continue;
            for (Promotion promotion : promotionsAfter) {
                // only pairs this change set makes: a new scheduled price, or a promotion put now
                if (!scheduledAdded.contains(sp) && !promotionsPut.contains(promotion.id())) continue;
                if (!promotion.pluCode().equals(sp.pluCode()) || !promotion.validUntil().isAfter(sp.effectiveFrom())) continue;
                guard.promotionConfirmation(p, sp.unitPriceMinor(), promotion, cur, "promotion " + promotion.id() + " ("
                        + offer(promotion, cur) + ") at the price from " + sp.effectiveFrom() + ": ").ifPresent(needed::add);
            }
        }
        for (String id : cs.deletePromotions()) {
            Promotion p = promotions.get(id);
            if (p == null) throw new NotFoundException("no promotion " + id + " in store " + s.storeId());
            out.add(new FieldChange(p.pluCode(), "promotion " + id, describe(p, cur), null));
        }
        java.util.Map<String, ScheduledPrice> scheduled = new java.util.HashMap<>();
        for (Scheduled sc : storedScheduled) scheduled.put(sc.id(), sc.change());
        for (String id : cs.deleteScheduledPrices()) {
            ScheduledPrice sp = scheduled.get(id);
            if (sp == null) throw new NotFoundException("no scheduled price " + id + " in store " + s.storeId());
            out.add(new FieldChange(sp.pluCode(), "price from " + sp.effectiveFrom(), String.valueOf(sp.unitPriceMinor()), null));
        }
        for (String code : cs.deletePlus()) {
            Plu p = items.remove(code);
            if (p == null) throw new NotFoundException("no PLU " + code + " in store " + s.storeId());
            out.add(new FieldChange(code, "item", p.name("en"), null));
        }
        // after the removals: an item may take the item reference of one removed in the same publish
        ItemReferences.checkDistinct(touched.stream().map(items::get).filter(java.util.Objects::nonNull).toList(), items.values());
        created.forEach(ItemReferences::checkNewCode);
        return new Plan(new Check(out, needed), List.copyOf(folded));
    }

    /**
     * Each change of price at the scales that {@code cs} makes or alters, judged by the guard against the price in force
     * just before it, as the scales will go through them: now (a scheduled price deleted or started, unless the item's new
     * price was judged already) and at the start of each scheduled price to come. A scheduled price is a change from the
     * one before it in the chain (2.49, 3.70 from T1, 1.25 from T2: T2 is −66 %, not −50 % from 2.49); deleting one is the
     * change it makes (1.25 in force, deleted: back to 2.60 now; 3.70 from T1 deleted: T2 is then 2.49 → 1.25). A step the
     * store already had, unchanged, is not asked about again.
     */
    private void judgeSchedules(ChangeSet cs, java.util.Map<String, Plu> items, java.util.Map<String, Plu> itemsBefore,
                                java.util.Map<String, Long> pricesBefore, List<ScheduledPrice> scheduledBefore,
                                List<ScheduledPrice> scheduledAfter, java.util.Set<String> judgedNow, Instant now, String cur,
                                List<PriceConfirmation.Needed> needed) {
        java.util.Set<String> codes = new java.util.TreeSet<>();
        java.util.Set<ScheduledPrice> kept = new java.util.HashSet<>(scheduledAfter);
        for (ScheduledPrice sp : scheduledBefore) if (!kept.contains(sp)) codes.add(sp.pluCode());
        for (ScheduledPrice sp : cs.addScheduledPrices()) codes.add(sp.pluCode());
        for (Plu p : cs.putPlus()) codes.add(p.code());
        for (Plu p : cs.createPlus()) codes.add(p.code());
        for (String code : codes) {
            Plu p = items.get(code);
            if (p == null || cs.deletePlus().contains(code)) continue;
            Plu old = itemsBefore.get(code);
            long base = p.unitPriceMinor();
            // now: from what the scales charge (a new item, or a new price judged already: from that price)
            long from = old == null || judgedNow.contains(code) ? base : pricesBefore.get(code);
            long to = PriceBook.unitPriceAt(code, base, scheduledAfter, now);
            if (from != to) {
                ScheduledPrice startedNow = scheduledAfter.stream().filter(sp -> sp.pluCode().equals(code) && !sp.effectiveFrom().isAfter(now))
                        .max(java.util.Comparator.comparing(ScheduledPrice::effectiveFrom)).orElse(null);
                String what = startedNow != null && cs.addScheduledPrices().contains(startedNow) ? "from " + startedNow.effectiveFrom() + ": " : "now: ";
                guard.confirmation(p, from, to, cur, what).ifPresent(needed::add);
            }
            java.util.SortedSet<Instant> starts = new java.util.TreeSet<>();
            for (List<ScheduledPrice> l : List.of(scheduledBefore, scheduledAfter)) {
                for (ScheduledPrice sp : l) if (sp.pluCode().equals(code) && sp.effectiveFrom().isAfter(now)) starts.add(sp.effectiveFrom());
            }
            for (Instant t : starts) {
                long a0 = PriceBook.unitPriceAt(code, base, scheduledAfter, t.minusNanos(1));
                long a1 = PriceBook.unitPriceAt(code, base, scheduledAfter, t);
                if (a0 == a1) continue;
                if (old != null && a0 == PriceBook.unitPriceAt(code, old.unitPriceMinor(), scheduledBefore, t.minusNanos(1))
                        && a1 == PriceBook.unitPriceAt(code, old.unitPriceMinor(), scheduledBefore, t)) continue;
                guard.confirmation(p, a0, a1, cur, "from " + t + ": ").ifPresent(needed::add);
            }
        }
    }

    /**
     * Refuses a promotion that is not cheaper than the item's regular price at some time of its validity (from
     * {@code start}, and at each scheduled price that starts before it ends): a scale charges the lower of the two, so the
     * shopper would read "Offer" on a label at the regular price, or a manager meant a price rise that never comes.
     */
    private static void requireCheaper(Plu p, Promotion promotion, Instant start, List<ScheduledPrice> schedule, String cur) {
        java.util.SortedSet<Instant> times = new java.util.TreeSet<>();
        times.add(start);
        for (ScheduledPrice sp : schedule) {
            if (sp.pluCode().equals(p.code()) && sp.effectiveFrom().isAfter(start) && sp.effectiveFrom().isBefore(promotion.validUntil())) {
                times.add(sp.effectiveFrom());
            }
        }
        for (Instant t : times) {
            long regular = PriceBook.unitPriceAt(p.code(), p.unitPriceMinor(), schedule, t);
            if (PriceGuard.promotedUnitPrice(promotion, regular) < regular) continue;
            throw new IllegalArgumentException("PLU " + p.code() + " " + p.name("en") + ": promotion " + promotion.id() + " ("
                    + offer(promotion, cur) + ") is not cheaper than the regular price of " + PriceGuard.money(regular, cur)
                    + (t.equals(start) ? "" : " from " + t) + ": a promotion must lower the price (to raise it, change the item's price "
                    + "or schedule a price)");
        }
    }

    /** {@code p} at the unit price {@code price}. */
    private static Plu atPrice(Plu p, long price) {
        if (p.unitPriceMinor() == price) return p;
        return new Plu(p.code(), p.names(), p.saleType(), price, p.currency(), p.presetTareMg(), p.shelfLifeDays(), p.barcodeLayout(),
                p.labelLayout(), p.modelLabels(), p.active(), p.originCountry(), p.qualityClass(), p.variety(), p.typicalPieceMg());
    }

    /** An item with the unit price the scales sell it at {@code at} (its base, or the scheduled price in force then). */
    public record Item(Plu plu, long priceInForceMinor) {}

    /** The items of {@code storeId}, each with the price in force now. */
    public List<Item> items(String storeId) {
        return database.read(c -> {
            requireStore(c, storeId);
            List<ScheduledPrice> sched = scheduled(c, storeId).stream().map(Scheduled::change).toList();
            Instant now = Instant.now();
            return plus(c, storeId).stream().map(p -> new Item(p, PriceBook.unitPriceAt(p.code(), p.unitPriceMinor(), sched, now))).toList();
        });
    }

    /** One item of {@code storeId} with the price in force now (404 if there is none). */
    public Item item(String storeId, String code) {
        return database.read(c -> {
            requireStore(c, storeId);
            List<ScheduledPrice> sched = scheduled(c, storeId).stream().map(Scheduled::change).toList();
            Instant now = Instant.now();
            return plus(c, storeId).stream().filter(p -> p.code().equals(code)).findFirst()
                    .map(p -> new Item(p, PriceBook.unitPriceAt(code, p.unitPriceMinor(), sched, now)))
                    .orElseThrow(() -> new NotFoundException("no PLU " + code + " in store " + storeId));
        });
    }

    /**
     * How far in the past a scheduled price may start: a minute, for a console's clock a little behind the server's and
     * the time a draft takes to publish. Further back it is refused: a scale would charge it at once all the same, but the
     * book and the price history would say it had been in force since then (and the guard judged it as a change to
     * come), while the shelf and the labels printed meanwhile said otherwise; a change for now is the item's price.
     */
    private static final java.time.Duration SCHEDULE_LEEWAY = java.time.Duration.ofMinutes(1);

    /** The range of a scheduled price's effectiveFrom: four-digit years, as the console's date field and ISO 8601 write them. */
    private static final Instant FIRST_EFFECTIVE = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST_EFFECTIVE = Instant.parse("9999-12-31T23:59:59.999Z");

    /**
     * "10 % off, FROM – UNTIL, en "Offer"": the offer, its period and its texts in every language, which the
     * shopper reads on the screen and the label — a change of wording alone is a change the history must show.
     */
    private static String describe(Promotion p, String currency) {
        StringBuilder b = new StringBuilder(offer(p, currency)).append(", ").append(p.validFrom()).append(" – ").append(p.validUntil());
        new java.util.TreeMap<>(p.texts()).forEach((language, text) -> b.append(", ").append(language).append(" \"").append(text).append('"'));
        return b.toString();
    }

    /** "25 % off", "0.50 EUR off", "now 9.99 EUR". */
    private static String offer(Promotion p, String currency) {
        return switch (p.kind()) {
            case PERCENT_OFF -> java.math.BigDecimal.valueOf(p.value(), 2).stripTrailingZeros().toPlainString() + " % off";
            case FIXED_OFF -> PriceGuard.money(p.value(), currency) + " off";
            case NEW_PRICE -> "now " + PriceGuard.money(p.value(), currency);
        };
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
        return putPlus(storeId, plus, List.of(), NO_ACCOUNT);
    }

    /** A store's import: the same rules and confirmations as a manager's edits, in one transaction. */
    public int putPlus(String storeId, List<Plu> plus, List<PriceConfirmation> confirmations, String user) {
        if (plus.isEmpty()) throw new IllegalArgumentException("the import is empty");
        apply(storeId, new ChangeSet(plus, List.of(), List.of(), List.of(), List.of(), List.of()).confirming(confirmations), user);
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
        deletePlu(storeId, code, NO_ACCOUNT);
    }

    public void deletePlu(String storeId, String code, String user) {
        apply(storeId, new ChangeSet(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(code)), user);
    }

    /** Removes an item with its scheduled prices and promotions (a book may not name an item it does not have). */
    private static void deletePlu(Connection c, String storeId, String code) throws SQLException {
        for (String sql : List.of("DELETE FROM scheduled_price WHERE store_id = ? AND plu_code = ?")) {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, storeId);
                p.setString(2, code);
                p.executeUpdate();
            }
        }
        for (Promotion promotion : promotions(c, storeId)) {
            if (promotion.pluCode().equals(code)) deletePromotion(c, storeId, promotion.id());
        }
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
        return addScheduledPrice(storeId, change, List.of(), NO_ACCOUNT);
    }

    public Scheduled addScheduledPrice(String storeId, ScheduledPrice change, List<PriceConfirmation> confirmations, String user) {
        Applied a = apply(storeId, new ChangeSet(List.of(), List.of(), List.of(change), List.of(), List.of(), List.of())
                .confirming(confirmations), user);
        return new Scheduled(a.scheduledIds().get(0), change);
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
        deleteScheduledPrice(storeId, id, NO_ACCOUNT);
    }

    public void deleteScheduledPrice(String storeId, String id, String user) {
        deleteScheduledPrice(storeId, id, List.of(), user);
    }

    /** Deletes one scheduled price: the change it makes at the scales needs the guard's confirmation like any other. */
    public void deleteScheduledPrice(String storeId, String id, List<PriceConfirmation> confirmations, String user) {
        apply(storeId, new ChangeSet(List.of(), List.of(), List.of(), List.of(), List.of(id), List.of()).confirming(confirmations), user);
    }

    private static void deleteScheduledPrice(Connection c, String storeId, String id) throws SQLException {
        deleteRow(c, "DELETE FROM scheduled_price WHERE store_id = ? AND id = ?", storeId, id, "no scheduled price ");
    }

    public Promotion putPromotion(String storeId, Promotion promotion) {
        return putPromotion(storeId, promotion, NO_ACCOUNT);
    }

    public Promotion putPromotion(String storeId, Promotion promotion, String user) {
        return putPromotion(storeId, promotion, List.of(), user);
    }

    /**
     * Creates or replaces one promotion (HTTP PUT). Its promotional price is judged as a price change from the item's
     * regular price: to zero or beyond ±50 % it needs the confirmation the guard asks for (CODE:REGULAR:PROMOTIONAL).
     */
    public Promotion putPromotion(String storeId, Promotion promotion, List<PriceConfirmation> confirmations, String user) {
        apply(storeId, new ChangeSet(List.of(), List.of(promotion), List.of(), List.of(), List.of(), List.of()).confirming(confirmations), user);
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
        deletePromotion(storeId, id, NO_ACCOUNT);
    }

    public void deletePromotion(String storeId, String id, String user) {
        apply(storeId, new ChangeSet(List.of(), List.of(), List.of(), List.of(id), List.of(), List.of()), user);
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
