package com.freshscale.server.ingest;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.sales.Sale;
import java.math.BigDecimal;

/**
 * What a scale says a sale was sold as (name, regular unit price, promotion text, discount) is what the book version
 * that priced it gave: reports show these fields, and HQ's discount figures add up the discounts, so a scale must not
 * be able to write there what it likes (the probe: a 1.99 sale reported with a discount of 998.00 under a made-up
 * name). Each field the scale sent is compared with the book; one that differs quarantines the sale as
 * {@code WRONG_SOLD_AS}, so that HQ sees a scale said something its book does not (a field left out is taken from the
 * book, {@link SoldAs}). The name and promotion text are accepted in any language of the book: the scale prints its
 * own ({@code pricing.language}).
 */
final class SoldAsCheck {
    private SoldAsCheck() {}

    /**
     * @param regular   the regular unit price the book gives when the sale was priced ({@link Sale#pricedTime})
     * @param promotion the promotion the sale names, checked in force, or null
     */
    static TillCheck.Verdict check(Sale s, Plu plu, long regular, Promotion promotion) {
        if (s.itemName() != null && !plu.names().containsValue(s.itemName()) && !s.itemName().equals(plu.name(SoldAs.LANGUAGE))) {
            return wrong(s, "item name \"" + s.itemName() + "\" is not PLU " + plu.code() + "'s name in the book");
        }
        if (s.regularUnitPriceMinor() != null && s.regularUnitPriceMinor() != regular) {
            return wrong(s, "regular unit price " + s.regularUnitPriceMinor() + ", the book gives " + regular);
        }
        if (promotion == null) {
            if (s.promotionText() != null) return wrong(s, "promotion text \"" + s.promotionText() + "\" on a sale without a promotion");
            if (s.discountMinor() != null && s.discountMinor() != 0) {
                return wrong(s, "discount " + s.discountMinor() + " on a sale without a promotion");
            }
            return null;
        }
        if (s.promotionText() != null && !promotion.texts().containsValue(s.promotionText())
                && !s.promotionText().equals(promotion.text(SoldAs.LANGUAGE))) {
            return wrong(s, "promotion text \"" + s.promotionText() + "\" is not promotion " + promotion.id() + "'s text in the book");
        }
        if (s.discountMinor() != null) {
            // the scale's discount is its regular total less the total, each rounded by its rule: within the rounding
            // of the regular total (TillCheck.ROUNDING_MINOR) of the exact regular total less the total charged
            BigDecimal exact = s.saleType().exactTotal(regular, s.netMg(), s.count()).subtract(BigDecimal.valueOf(s.totalMinor()));
            if (exact.subtract(BigDecimal.valueOf(s.discountMinor())).abs().compareTo(BigDecimal.valueOf(TillCheck.ROUNDING_MINOR)) >= 0) {
                return wrong(s, "discount " + s.discountMinor() + ", the regular total less the total is "
                        + exact.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
            }
        }
        return null;
    }

    private static TillCheck.Verdict wrong(Sale s, String what) {
        return new TillCheck.Verdict(QuarantineReason.WRONG_SOLD_AS, what + " (price book version " + s.priceBookVersion() + ")");
    }
}
