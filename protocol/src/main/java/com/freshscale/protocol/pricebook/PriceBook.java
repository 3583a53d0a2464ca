package com.freshscale.protocol.pricebook;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, versioned snapshot of one store's prices. The server signs it and publishes it retained;
 * a scale applies it only if the signature verifies and {@code version} is newer than the one it has.
 * The constructor rejects an inconsistent book (duplicate PLU codes, mixed currencies, changes or
 * promotions for PLUs the book does not have), so a book that deserialises is a book the scale can use.
 *
 * @param storeId        the store it is for
 * @param version        strictly increasing per store, from 1
 * @param effectiveFrom  when the book as a whole becomes valid (until then the previous book stays in force)
 * @param currency       ISO 4217 code of every price in the book
 * @param plus           the items
 * @param scheduledPrices price changes that take effect later
 * @param promotions     promotions with their validity windows
 */
public record PriceBook(
        String storeId,
        long version,
        Instant effectiveFrom,
        String currency,
        List<Plu> plus,
        List<ScheduledPrice> scheduledPrices,
        List<Promotion> promotions) {

    public PriceBook {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(currency, "currency");
        plus = List.copyOf(plus == null ? List.of() : plus);
        scheduledPrices = List.copyOf(scheduledPrices == null ? List.of() : scheduledPrices);
        promotions = List.copyOf(promotions == null ? List.of() : promotions);
        if (storeId.isBlank()) throw new IllegalArgumentException("price book without store id");
        if (version < 1) throw new IllegalArgumentException("price book version must be >= 1, got " + version);
        Set<String> codes = new HashSet<>(plus.size() * 4 / 3 + 1); // sized once: 5,000 PLUs on every scale
        for (Plu p : plus) {
            if (!codes.add(p.code())) throw new IllegalArgumentException("PLU " + p.code() + " appears twice");
            if (!p.currency().equals(currency)) {
                throw new IllegalArgumentException("PLU " + p.code() + " is priced in " + p.currency()
                        + " but the book is in " + currency);
            }
        }
        for (ScheduledPrice s : scheduledPrices) {
            if (!codes.contains(s.pluCode())) {
                throw new IllegalArgumentException("scheduled price for unknown PLU " + s.pluCode());
            }
        }
        Set<String> promotionIds = new HashSet<>();
        for (Promotion p : promotions) {
            if (!codes.contains(p.pluCode())) throw new IllegalArgumentException("promotion " + p.id() + " for unknown PLU " + p.pluCode());
            if (!promotionIds.add(p.id())) throw new IllegalArgumentException("promotion id " + p.id() + " appears twice");
        }
    }

    /** The PLU with {@code code}, active or not. */
    public Optional<Plu> plu(String code) {
        return plus.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /** The PLUs whose model labels include {@code modelLabel} and that are active. */
    public List<Plu> activePlusFor(String modelLabel) {
        return plus.stream().filter(p -> p.active() && p.modelLabels().contains(modelLabel)).toList();
    }

    /**
     * The regular unit price of {@code plu} at {@code t}: the latest scheduled change effective at {@code t},
     * else the PLU's base price. A scheduled change that has started stays in force for as long as the book lists it:
     * the server therefore takes the started changes of an item out of the book when a manager sets its price anew
     * (the new price is then the base), so the base is never a price from before them that a scale would go back to.
     */
    public long unitPriceAt(Plu plu, Instant t) {
        return unitPriceAt(plu.code(), plu.unitPriceMinor(), scheduledPrices, t);
    }

    /**
     * The rule of {@link #unitPriceAt(Plu, Instant)} for an item {@code code} with base price {@code base} and the
     * scheduled changes {@code schedule} (of any items: only {@code code}'s count), for a server judging a book it has
     * not built yet by the same rule the scales price with.
     */
    public static long unitPriceAt(String code, long base, java.util.Collection<ScheduledPrice> schedule, Instant t) {
        return schedule.stream()
                .filter(s -> s.pluCode().equals(code) && !s.effectiveFrom().isAfter(t))
                .max(Comparator.comparing(ScheduledPrice::effectiveFrom))
                .map(ScheduledPrice::unitPriceMinor)
                .orElse(base);
    }

    /** The promotions of {@code pluCode} valid at {@code t}, ordered by id. */
    public List<Promotion> promotionsAt(String pluCode, Instant t) {
        return promotions.stream()
                .filter(p -> p.pluCode().equals(pluCode) && p.validAt(t))
                .sorted(Comparator.comparing(Promotion::id))
                .toList();
    }
}
