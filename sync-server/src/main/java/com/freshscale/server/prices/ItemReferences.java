package com.freshscale.server.prices;

import com.freshscale.protocol.barcode.BarcodeFieldException;
import com.freshscale.protocol.barcode.BarcodeLayout;
import com.freshscale.protocol.barcode.BarcodeLayouts;
import com.freshscale.protocol.barcode.EmbeddedValue;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The item reference each PLU's labels carry, and the rules that keep it one item's: the PLU code is the item reference
 * of the price-embedded restricted circulation number the scale prints (GS1 General Specifications 2.1.11 and 7.9:
 * {@code 21 IIIII PPPPP C}, the item field right-aligned and filled with leading zeros), read back here through the very
 * layout code the scale encodes with ({@link BarcodeLayout#encode}), so the server cannot judge a code otherwise than
 * the scale prints it.
 * <ul>
 *   <li>A code must fit its layout's item field: 12345 in {@code ean13-price-verifier} ({@code 23 IIII V PPPPP C}) is
 *       refused here as the scale would refuse it at pick time, like a price its barcode cannot carry
 *       ({@link PriceGuard#checkCeiling}).</li>
 *   <li>A layout that carries the weight ({@code ean13-weight}, {@code 28 IIIII WWWWW C}) is for items sold by weight
 *       only: the till prices the weight it reads by the kilogram, and the scale refuses any other item on it at pick
 *       time ({@code PriceCalculator}, "is not sold by weight but its barcode layout … carries a weight").</li>
 *   <li>No two items of a store may carry the same item reference: 401, 0401 and 00401 all print {@code 21 00401 …};
 *       a till reads the item reference as a number (so does the server's own till check) and HQ's till reconciliation
 *       would count one item's scans for the other.</li>
 *   <li>A new code does not start with 0. Leading zeros are refused rather than stripped: a cashier types 401, the
 *       barcode carries 401, and the IFPS PLU codes are 4 and 5 digits from 3000 up (organic 9xxxx), none with a leading
 *       zero; stripping them silently would store an item under another code than the one the manager sent (and the
 *       URL of {@code PUT .../plus/0401} names). An item stored with one before this rule can still be changed and
 *       removed.</li>
 * </ul>
 * A layout only a scale knows (its own {@code pricing.barcodeLayouts}) is judged as EAN-13 {@code 21 IIIII PPPPP C}
 * with the widest item field, as {@link com.freshscale.protocol.pricebook.BarcodePriceFields} judges its price field:
 * the scale still refuses at the label a code its own layout cannot carry.
 */
final class ItemReferences {
    private static final BarcodeLayouts LAYOUTS = BarcodeLayouts.standard();
    private static final BarcodeLayout UNKNOWN_LAYOUT = BarcodeLayouts.EAN13_PRICE;

    private ItemReferences() {
    }

    /** The item field {@code plu}'s labels print ("00401" for 401 in {@code ean13-price}); refused if the code does not fit. */
    static String itemField(Plu plu) {
        return itemField(plu, layout(plu));
    }

    private static String itemField(Plu plu, BarcodeLayout layout) {
        try {
            return layout.decode(layout.encode(plu.code(), 0)).item();
        } catch (BarcodeFieldException e) {
            throw new IllegalArgumentException(who(plu) + "the code has more digits than the " + layout.itemDigits()
                    + "-digit item field of its barcode layout " + layout + ": no scale could print its label; give it a code of at most "
                    + layout.itemDigits() + " digits or another barcode layout");
        }
    }

    /** Refuses {@code plu} when its labels cannot be printed: a code wider than its layout's item field, or a weight layout for an item not sold by weight. */
    static void checkLayout(Plu plu) {
        BarcodeLayout layout = layout(plu);
        itemField(plu, layout);
        if (layout.embeds() == EmbeddedValue.WEIGHT_G && plu.saleType() != SaleType.PER_KG) {
            throw new IllegalArgumentException(who(plu) + "its barcode layout " + layout + " carries a weight, and the item is sold "
                    + plu.saleType() + ": a till would price the weight; give it a layout with a price field or sell it by weight");
        }
    }

    /** Refuses a code with a leading zero for an item the store does not have yet. */
    static void checkNewCode(Plu plu) {
        if (plu.code().length() > 1 && plu.code().charAt(0) == '0') {
            String plain = plu.code().replaceFirst("^0+(?=.)", "");
            throw new IllegalArgumentException("PLU code " + plu.code() + " starts with 0: its barcode and a till read it as "
                    + plain + ", so write it " + plain);
        }
    }

    /**
     * Refuses an item of {@code changed} whose item reference another item of {@code book} (the store's items as the
     * change set leaves them) carries too.
     */
    static void checkDistinct(Collection<Plu> changed, Collection<Plu> book) {
        Map<Long, List<Plu>> byReference = new HashMap<>();
        for (Plu p : book) byReference.computeIfAbsent(reference(p), r -> new ArrayList<>()).add(p);
        for (Plu p : changed) {
            for (Plu other : byReference.getOrDefault(reference(p), List.of())) {
                if (other.code().equals(p.code())) continue;
                throw new IllegalArgumentException(who(p) + "its barcode carries item " + itemField(p) + " (" + p.barcodeLayout()
                        + "), the item of PLU " + other.code() + " " + other.name("en") + " (" + itemField(other) + ", "
                        + other.barcodeLayout() + "): a till could not tell their labels apart; give it another code");
            }
        }
    }

    /** The item reference as a number: what a till looks up, whatever the width of the layout's field. */
    private static long reference(Plu plu) {
        return Long.parseLong(itemField(plu));
    }

    /** The layout {@code plu}'s labels print, or the widest standard one for a layout only a scale knows. */
    private static BarcodeLayout layout(Plu plu) {
        return LAYOUTS.find(plu.barcodeLayout()).orElse(UNKNOWN_LAYOUT);
    }

    private static String who(Plu plu) {
        return "PLU " + plu.code() + " " + plu.name("en") + ": ";
    }
}
