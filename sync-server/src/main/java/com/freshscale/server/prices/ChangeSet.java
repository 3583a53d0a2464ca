package com.freshscale.server.prices;

import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.Promotion;
import com.freshscale.protocol.pricebook.ScheduledPrice;
import java.util.List;

/**
 * The edits a store manager collected in the console and publishes together as one new price book
 * ({@link PriceRepository#apply}). Applied in this order: PLUs created, PLUs replaced, promotions, scheduled
 * prices added, then promotions, scheduled prices and PLUs deleted. Every list of the first release must be present in
 * the JSON (empty when unused): a misspelt key is an error, not an empty list. The two added later may be absent.
 *
 * @param putPlus               items replaced by the given ones (every field may change); an unknown code is created,
 *                              as before {@code createPlus} existed
 * @param deleteScheduledPrices ids of scheduled price changes (as listed by the API)
 * @param createPlus            new items: a code the store already has is refused, never silently replaced
 * @param confirmPriceChanges   the manager's confirmations of changes the {@link PriceGuard} asks to confirm
 */
public record ChangeSet(
        List<Plu> putPlus,
        List<Promotion> putPromotions,
        List<ScheduledPrice> addScheduledPrices,
        List<String> deletePromotions,
        List<String> deleteScheduledPrices,
        List<String> deletePlus,
        @com.freshscale.protocol.codec.OptionalField List<Plu> createPlus,
        @com.freshscale.protocol.codec.OptionalField List<PriceConfirmation> confirmPriceChanges) {

    /** More than a manager edits by hand; a store's whole range goes through the bulk import instead. */
    public static final int MAX_CHANGES = 10_000;

    public ChangeSet {
        putPlus = list(putPlus, "putPlus");
        putPromotions = list(putPromotions, "putPromotions");
        addScheduledPrices = list(addScheduledPrices, "addScheduledPrices");
        deletePromotions = list(deletePromotions, "deletePromotions");
        deleteScheduledPrices = list(deleteScheduledPrices, "deleteScheduledPrices");
        deletePlus = list(deletePlus, "deletePlus");
        createPlus = createPlus == null ? List.of() : List.copyOf(createPlus);
        confirmPriceChanges = confirmPriceChanges == null ? List.of() : List.copyOf(confirmPriceChanges);
        if (count(putPlus, putPromotions, addScheduledPrices, deletePromotions, deleteScheduledPrices, deletePlus, createPlus) > MAX_CHANGES) throw new IllegalArgumentException("more than " + MAX_CHANGES + " changes in one publish");
    }

    /** The edits of the first release (no creations, no confirmations). */
    public ChangeSet(List<Plu> putPlus, List<Promotion> putPromotions, List<ScheduledPrice> addScheduledPrices,
                     List<String> deletePromotions, List<String> deleteScheduledPrices, List<String> deletePlus) {
        this(putPlus, putPromotions, addScheduledPrices, deletePromotions, deleteScheduledPrices, deletePlus, List.of(), List.of());
    }

    /** Only {@code confirmations} added to this change set's. */
    public ChangeSet confirming(List<PriceConfirmation> confirmations) {
        List<PriceConfirmation> all = new java.util.ArrayList<>(confirmPriceChanges);
        all.addAll(confirmations);
        return new ChangeSet(putPlus, putPromotions, addScheduledPrices, deletePromotions, deleteScheduledPrices, deletePlus,
                createPlus, all);
    }

    private static <T> List<T> list(List<T> l, String name) {
        if (l == null) throw new IllegalArgumentException("'" + name + "' must be a list (empty when unused)");
        return List.copyOf(l);
    }

    public int size() {
        return count(putPlus, putPromotions, addScheduledPrices, deletePromotions, deleteScheduledPrices, deletePlus, createPlus);
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
