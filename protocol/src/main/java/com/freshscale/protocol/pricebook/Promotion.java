package com.freshscale.protocol.pricebook;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A promotion on one PLU, valid in [{@code validFrom}, {@code validUntil}).
 *
 * @param id    stable id, printed on the label and reported with the sale
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
        texts = Map.copyOf(texts == null ? Map.of() : texts);
    }

    public boolean validAt(Instant t) {
        return !t.isBefore(validFrom) && t.isBefore(validUntil);
    }
}
