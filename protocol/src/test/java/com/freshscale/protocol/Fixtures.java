package com.freshscale.protocol;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.PromotionKind;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.pricebook.ScheduledPrice;
import com.freshscale.protocol.sales.Sale;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test data: sales and price books as a real store has them. */
public final class Fixtures {
    private Fixtures() {}

    public static Sale sale(String store, String scale, long number) {
        return new Sale(Sale.newId(), store, scale, number, "4011", SaleType.PER_KG, 1_234_000, 0, 199, null, 246, "EUR",
                "2940110002467", Instant.parse("2026-11-26T10:15:30Z"), 3, "4011", 0.91, false, 1, false);
    }

    public static Plu plu(String code, long priceMinor) {
        return new Plu(code, Map.of("en", "Bananas", "de", "Bananen"), SaleType.PER_KG, priceMinor, "EUR", 0, 5,
                "ean13-price", "standard", List.of("Banana"), true);
    }

    public static PriceBook book(String store, long version) {
        return new PriceBook(store, version, Instant.parse("2026-11-26T06:00:00Z"), "EUR",
                List.of(plu("4011", 199), plu("4225", 349)),
                List.of(new ScheduledPrice("4011", 179, Instant.parse("2026-11-27T06:00:00Z"))),
                List.of(new Promotion("promo-1", "4225", PromotionKind.PERCENT_OFF, 2500,
                        Instant.parse("2026-11-26T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"), Map.of("en", "-25 %"))));
    }
}
