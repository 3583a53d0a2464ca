package com.freshscale.device.ui;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * What the kiosk screen shows, as the scale sends it to the page (JSON, snake_case names: the page's
 * contract). Built on the session thread from one consistent state of the sale; immutable once built.
 *
 * @param state          the session's state ({@link SessionState} name)
 * @param error          whether the state is an error state
 * @param load           the id of the load on the platter (changes with each new load)
 * @param weight         the weighing stage's indication
 * @param priceBook      the price book in force, or null
 * @param recognition    the recognition outcome for this load, or null while none
 * @param candidates     the tiles the camera suggests, best first
 * @param pick           the item chosen, or null
 * @param count          pieces entered for a per-piece item
 * @param priced         the priced item, or null
 * @param sold           the sale recorded for this load, or null
 * @param notice         a message key (with ":detail") that is not a state of its own, or null
 * @param printerProblem what the printer reported for this sale, or null
 * @param printerFault   why the printer cannot print (PAPER_OUT, NEEDS_ATTENTION, OFFLINE, ...), or null when it can
 * @param cameraProblem  why the camera gave no candidates, or null
 * @param recognitionAvailable whether a model is loaded
 * @param outboxAlarm    the outbox is nearly full (HQ unreachable for long)
 * @param online         connected to the store's broker
 * @param simulation     the scale is simulated (the demo panel is shown)
 * @param languages      the store's languages, first is the default
 * @param payment        paying by card at the scale: whether it is offered, and the terminal's status while PAYING;
 *                       null on a scale without it (issue 13)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KioskView(String state, boolean error, long load, Weight weight, PriceBookInForce priceBook, String recognition,
        List<Item> candidates, Item pick, int count, Priced priced, Sold sold, String notice, String printerProblem,
        String printerFault, String cameraProblem, boolean recognitionAvailable, boolean outboxAlarm, boolean online, boolean simulation,
        List<String> languages, @JsonInclude(JsonInclude.Include.NON_NULL) CardPayment payment) {

    /** A view of a scale that does not take card payments. */
    public KioskView(String state, boolean error, long load, Weight weight, PriceBookInForce priceBook, String recognition,
            List<Item> candidates, Item pick, int count, Priced priced, Sold sold, String notice, String printerProblem,
            String printerFault, String cameraProblem, boolean recognitionAvailable, boolean outboxAlarm, boolean online, boolean simulation,
            List<String> languages) {
        this(state, error, load, weight, priceBook, recognition, candidates, pick, count, priced, sold, notice, printerProblem, printerFault,
                cameraProblem, recognitionAvailable, outboxAlarm, online, simulation, languages, null);
    }

    /**
     * Paying by card at the scale: {@code status} is the terminal's status as a message key (pay.*) while PAYING;
     * {@code simulatorAnswer} the simulated terminal's next answer (demo only).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CardPayment(boolean enabled, @JsonInclude(JsonInclude.Include.NON_NULL) String status,
            @JsonInclude(JsonInclude.Include.NON_NULL) String simulatorAnswer) {
    }

    /** The indication: all fields but {@code status} and {@code text} are null while the scale has not weighed yet. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Weight(Long netMg, Long tareMg, Long eMg, Boolean stable, Boolean zero, Boolean netMode, String status,
            String text, String tareText) {
        public static final Weight NONE = new Weight(null, null, null, null, null, null, "NONE", "", null);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PriceBookInForce(long version, String currency) {
    }

    /**
     * An item of the price book as a tile shows it, at the price charged now: {@code unitPriceMinor} is after
     * the best promotion in force, {@code regularUnitPriceMinor} the price without it and {@code offer} the
     * promotion's text by language (both null without one). {@code rank} and {@code confidence} only on a
     * candidate tile, {@code auto} only on the pick.
     *
     * @param kind the item's kind for browsing (fruit, vegetables, ...), or null
     * @param origin country of origin (ISO 3166-1 alpha-2), with {@code qualityClass} and {@code variety}, where the price
     *               book has them: EU Reg. 543/2011 wants them shown where produce is offered, so the pick screen names
     *               them (the page writes the country in the shopper's language)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(String plu, Map<String, String> names, String saleType, long unitPriceMinor, boolean promotion,
            Long regularUnitPriceMinor, Map<String, String> offer, String currency, String picture, String kind,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer rank,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double confidence,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean auto,
            @JsonInclude(JsonInclude.Include.NON_NULL) String origin,
            @JsonInclude(JsonInclude.Include.NON_NULL) String qualityClass,
            @JsonInclude(JsonInclude.Include.NON_NULL) String variety) {

        /** An item without origin, class or variety. */
        public Item(String plu, Map<String, String> names, String saleType, long unitPriceMinor, boolean promotion,
                    Long regularUnitPriceMinor, Map<String, String> offer, String currency, String picture, String kind, Integer rank,
                    Double confidence, Boolean auto) {
            this(plu, names, saleType, unitPriceMinor, promotion, regularUnitPriceMinor, offer, currency, picture, kind, rank, confidence,
                    auto, null, null, null);
        }

        public Item ranked(int rank, double confidence) {
            return new Item(plu, names, saleType, unitPriceMinor, promotion, regularUnitPriceMinor, offer, currency, picture, kind,
                    rank, confidence, null, origin, qualityClass, variety);
        }

        public Item picked(int rank, boolean auto) {
            return new Item(plu, names, saleType, unitPriceMinor, promotion, regularUnitPriceMinor, offer, currency, picture, kind,
                    rank, null, auto, origin, qualityClass, variety);
        }
    }

    /**
     * The priced item: weight or count, unit price as charged (and the regular one under an offer), total.
     * {@code tareMg}/{@code tareText}: the PLU's preset tare taken off the weight (0 / null without one).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Priced(String plu, String saleType, long netMg, String netText, long tareMg, String tareText, int count, long unitPriceMinor,
            long regularUnitPriceMinor, Promotion promotion, long totalMinor, String currency, String barcode,
            long priceBookVersion) {
    }

    /** The promotion applied: its text in the label's language, by language for the screen, and what it saves. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Promotion(String text, Map<String, String> texts, long savingMinor) {
    }

    /**
     * The recorded sale; {@code label} is the preview's address while the label is on screen. Paid at the scale:
     * {@code paymentReference} and the terminal's {@code receipt} (shown on screen), else both absent.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Sold(String saleId, long totalMinor, String currency, String label,
            @JsonInclude(JsonInclude.Include.NON_NULL) String paymentReference,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> receipt) {
        public Sold(String saleId, long totalMinor, String currency, String label) {
            this(saleId, totalMinor, currency, label, null, List.of());
        }
    }

    /** A photo the simulation panel can put on the platter. */
    public record Photo(String id, @JsonProperty("class") String className) {
    }
}
