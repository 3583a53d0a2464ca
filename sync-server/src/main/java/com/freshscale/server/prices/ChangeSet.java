package com.freshscale.server.prices;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.ScheduledPrice;
import java.util.List;

/**
 * The edits a store manager collected in the console and publishes together as one new price book
 * ({@link PriceRepository#apply}). Applied in this order: PLUs created or replaced, promotions, scheduled
 * prices added, then promotions, scheduled prices and PLUs deleted. Every list must be present in the JSON
 * (empty when unused), as every field of every message is: a misspelt key is an error, not an empty list.
 *
 * @param deleteScheduledPrices ids of scheduled price changes (as listed by the API)
 */
public record ChangeSet(
        List<Plu> putPlus,
        List<Promotion> putPromotions,
        List<ScheduledPrice> addScheduledPrices,
        List<String> deletePromotions,
        List<String> deleteScheduledPrices,
        List<String> deletePlus) {

    /** More than a manager edits by hand; a store's whole range goes through the bulk import instead. */
    public static final int MAX_CHANGES = 10_000;

    public ChangeSet {
        putPlus = list(putPlus, "putPlus");
        putPromotions = list(putPromotions, "putPromotions");
        addScheduledPrices = list(addScheduledPrices, "addScheduledPrices");
        deletePromotions = list(deletePromotions, "deletePromotions");
        deleteScheduledPrices = list(deleteScheduledPrices, "deleteScheduledPrices");
        deletePlus = list(deletePlus, "deletePlus");
        if (count(putPlus, putPromotions, addScheduledPrices, deletePromotions, deleteScheduledPrices, deletePlus) > MAX_CHANGES) throw new IllegalArgumentException("more than " + MAX_CHANGES + " changes in one publish");
    }

    private static <T> List<T> list(List<T> l, String name) {
        if (l == null) throw new IllegalArgumentException("'" + name + "' must be a list (empty when unused)");
        return List.copyOf(l);
    }

    public int size() {
        return count(putPlus, putPromotions, addScheduledPrices, deletePromotions, deleteScheduledPrices, deletePlus);
    }

    private static int count(List<?>... lists) {
        int n = 0;
        for (List<?> l : lists) n += l.size();
        return n;
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
