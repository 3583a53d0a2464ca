package com.freshscale.recognition;

import java.util.List;
import java.util.Objects;

/**
 * What the store gallery may learn from one sale, so that shoppers cannot teach the scale wrong. A shopper's
 * tap is evidence, not truth: the only shopper who gains from a wrong pick is one who picks something
 * cheaper, and a scale that learns from such picks soon offers the cheaper item first to everyone (three
 * asparagus sold as carrots made carrots the first tile for asparagus). So:
 * <ul>
 *   <li>a <b>flagged</b> sale (the pick was cheaper than what the scale confidently saw) teaches nothing;</li>
 *   <li>a pick <b>outside the tiles</b> the scale showed, or one <b>cheaper than the first tile</b> (or not
 *       comparable with it: another sale type), is kept <b>pending</b>: stored with its picture but not
 *       searched, until it is corroborated — a trusted example of the same item that looks like it
 *       (similarity ≥ {@link #CORROBORATION}), or staff teaching that item;</li>
 *   <li>any other pick among the tiles is learned at once — the shopper picked the scale's own first tile
 *       or paid at least as much as it asked;</li>
 *   <li>the same item sold again (similarity ≥ {@link #DUPLICATE} to an example of the same key) adds no
 *       new example: one item sold N times in a row is one vote, not N;</li>
 *   <li>staff teaching in the service menu is trusted and counts {@link #TAUGHT_WEIGHT} times a sale.</li>
 * </ul>
 * Measured by {@code models evaluate --poison P} (confirmations replaced by the cheapest wrong item) and its
 * fraud pattern; the scale ({@code device} Gallery) and the evaluation apply this same rule.
 */
public final class LearningRule {
    /** Similarity from which a new example is the same item again (a photo of the same thing on the platter). */
    public static final float DUPLICATE = 0.97f;
    /** Similarity from which a trusted example of the same key corroborates a pending one. */
    public static final float CORROBORATION = 0.75f;
    /** Vote of a taught example relative to a sale's. */
    public static final float TAUGHT_WEIGHT = 2f;

    /** What to do with a sale's example. */
    public enum Decision {
        /** store and search it */
        LEARN,
        /** store it, do not search it until corroborated */
        PENDING,
        /** store nothing */
        IGNORE
    }

    /**
     * One confirmed sale as the gallery sees it.
     *
     * @param pick                 what the shopper picked
     * @param shown                the tiles the scale offered, first tile first (empty: nothing was recognised)
     * @param flagged              the sale was flagged: the pick was cheaper than a confident first tile
     * @param notDearerThanFirst   the pick's unit price is comparable with the first tile's (same sale type and
     *                             currency) and at least as high; true when the pick is the first tile
     */
    public record Sale<K>(K pick, List<K> shown, boolean flagged, boolean notDearerThanFirst) {
        public Sale {
            Objects.requireNonNull(pick, "pick");
            shown = List.copyOf(shown);
        }
    }

    private LearningRule() {
    }

    public static <K> Decision decide(Sale<K> sale) {
        if (sale.flagged()) return Decision.IGNORE;
        if (sale.shown().isEmpty() || !sale.shown().contains(sale.pick())) return Decision.PENDING;
        if (sale.pick().equals(sale.shown().get(0))) return Decision.LEARN;
        return sale.notDearerThanFirst() ? Decision.LEARN : Decision.PENDING;
    }
}
