package com.freshscale.device.pricing;

import com.freshscale.protocol.pricebook.SaleType;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One priced item, ready to become a sale and a label. Money in minor units of {@code currency}.
 *
 * @param name                  the PLU's name in the label language
 * @param netMg                 net weight priced (after preset tare), 0 for items not sold by weight
 * @param tareMg                tare in force for the price (scale tare or the PLU's preset tare, whichever is larger)
 * @param count                 pieces for per-piece items, 1 otherwise
 * @param regularUnitPriceMinor unit price from the price book at {@code pricedAt} (scheduled changes applied)
 * @param unitPriceMinor        unit price charged (after the promotion, if any)
 * @param promotion             the promotion applied, or null
 * @param barcode               the price- (or weight-) embedded EAN-13 (13 digits) or UPC-A (12 digits)
 * @param sellBy                packed date plus the PLU's shelf life, or null when the PLU has none
 * @param priceBookVersion      version of the price book used
 * @param originCountry         the PLU's country of origin (ISO 3166-1 alpha-2), class and variety, or null each:
 *                              printed on the label (EU Reg. 543/2011 marketing standards)
 */
public record PricedItem(
        String pluCode,
        String name,
        SaleType saleType,
        long netMg,
        long tareMg,
        int count,
        long regularUnitPriceMinor,
        long unitPriceMinor,
        AppliedPromotion promotion,
        long totalMinor,
        String currency,
        String barcode,
        String barcodeLayout,
        Instant pricedAt,
        LocalDate packedOn,
        LocalDate sellBy,
        long priceBookVersion,
        String originCountry,
        String qualityClass,
        String variety) {

    /** An item without origin, class or variety. */
    public PricedItem(String pluCode, String name, SaleType saleType, long netMg, long tareMg, int count, long regularUnitPriceMinor,
                      long unitPriceMinor, AppliedPromotion promotion, long totalMinor, String currency, String barcode,
                      String barcodeLayout, Instant pricedAt, LocalDate packedOn, LocalDate sellBy, long priceBookVersion) {
        this(pluCode, name, saleType, netMg, tareMg, count, regularUnitPriceMinor, unitPriceMinor, promotion, totalMinor, currency,
                barcode, barcodeLayout, pricedAt, packedOn, sellBy, priceBookVersion, null, null, null);
    }
}
