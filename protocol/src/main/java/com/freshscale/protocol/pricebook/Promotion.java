package com.freshscale.protocol.pricebook;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A promotion on one PLU, valid in [{@code validFrom}, {@code validUntil}).
 *
 * @param id    stable id, printed on the label and reported with the sale
 * @param kind  how {@code value} changes the unit price
 * @param value new unit price (minor units), discount in basis points, or amount off (minor units)
 * @param texts promotion text by language, shown on the label ("-25 %", "Offer")
 */
public record Promotion(
        String id,
        String pluCode,
        PromotionKind kind,
        long value,
        Instant validFrom,
        Instant validUntil,
        Map<String, String> texts) {

    public Promotion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pluCode, "pluCode");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (texts != null) {
            for (Map.Entry<String, String> t : texts.entrySet()) {
                if (t.getKey() == null || t.getValue() == null) {
                    throw new IllegalArgumentException("promotion " + id + ": the text (" + t.getKey() + ") is null");
                }
            }
        }
        texts = Map.copyOf(texts == null ? Map.of() : texts);
        Plu.text("promotion id", id, Plu.MAX_KEY);
        if (texts.size() > Plu.MAX_LANGUAGES) throw new IllegalArgumentException("promotion " + id + ": at most " + Plu.MAX_LANGUAGES + " texts");
        for (Map.Entry<String, String> t : texts.entrySet()) {
            Plu.text("promotion " + id + ": language tag", t.getKey(), Plu.MAX_TAG);
            Plu.text("promotion " + id + ": text", t.getValue(), Plu.MAX_NAME);
        }
        if (!validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("promotion " + id + ": validUntil must be after validFrom");
        }
        if (value < 0) throw new IllegalArgumentException("promotion " + id + ": negative value");
        if (kind == PromotionKind.PERCENT_OFF && (value < 1 || value > 10_000)) {
            throw new IllegalArgumentException("promotion " + id + ": percent off must be 1..10000 basis points");
        }
    }

    /**
     * The unit price this promotion gives an item whose regular unit price is {@code regularMinor}, exact: a percentage
     * off may leave a fraction of a minor unit, which the scale rounds by its own rule and the server judges with the
     * rounding its check needs; a new price and an amount off (which stops at zero) are whole already.
     */
    public BigDecimal unitPrice(long regularMinor) {
        return switch (kind) {
            case NEW_PRICE -> BigDecimal.valueOf(value);
            case PERCENT_OFF -> BigDecimal.valueOf(regularMinor).multiply(BigDecimal.valueOf(10_000 - value))
                    .divide(BigDecimal.valueOf(10_000));
            case FIXED_OFF -> BigDecimal.valueOf(Math.max(0, regularMinor - value));
        };
    }

    public boolean validAt(Instant t) {
        return !t.isBefore(validFrom) && t.isBefore(validUntil);
    }

    /** The text in {@code language}, else English, else any text, else the id. */
    public String text(String language) {
        String s = texts.get(language);
        if (s == null) s = texts.get("en");
        if (s == null) s = texts.values().stream().sorted().findFirst().orElse(id);
        return s;
    }
}
