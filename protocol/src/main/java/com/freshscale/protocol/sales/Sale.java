package com.freshscale.protocol.sales;

import com.freshscale.protocol.Topics;
import com.freshscale.protocol.pricebook.SaleType;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One labelled sale as the scale recorded it, the unit of the sales outbox and of the server's ingest.
 * Money is in integer minor units, masses in milligrams (as in the price book).
 *
 * @param saleId          globally unique (random UUID made by the scale); the server de-duplicates on it
 * @param storeId         store of the scale
 * @param scaleId         scale that printed the label
 * @param saleNumber      the scale's own running number, printed on the label (1, 2, ...)
 * @param pluCode         PLU that was sold
 * @param saleType        how it was priced
 * @param netMg           net mass in mg; for a per-piece or fixed sale the net load weighed when it was priced (0 if
 *                        none), for loss prevention only: not charged, and not in HQ's kilogram totals
 * @param count           number of pieces (0 for per-kg sales)
 * @param unitPriceMinor  unit price actually applied (after scheduled changes and promotions)
 * @param promotionId     promotion applied, or null
 * @param totalMinor      total printed on the label
 * @param currency        ISO 4217 code
 * @param barcode         the price-embedded barcode printed (digits)
 * @param soldAt          when the sale was recorded and its label printed (paid at the scale: after the terminal approved)
 * @param priceBookVersion version of the price book that priced it
 * @param recognisedPlu   PLU the recogniser ranked first, or null if it had no opinion (loss prevention)
 * @param recognitionConfidence confidence of {@code recognisedPlu} in [0, 1], or null
 * @param autoPicked      true if the scale picked the PLU itself without a tap
 * @param chosenRank      1-based rank of the tile the shopper tapped; 0 if not picked from the tiles
 * @param mismatch        loss prevention, decided on the scale: the shopper picked a PLU cheaper than the
 *                        one recognised first with confidence ({@code recognisedPlu}); the sale went ahead. Cheaper
 *                        means: for a recognised PLU of the same sale type, a lower unit price in force; of another
 *                        sale type (garlic per kg on the platter, one melon per piece charged), a {@code totalMinor}
 *                        below what the load on the platter would have cost as {@code recognisedPlu} (per kg: its
 *                        unit price × the net weight; per piece: × the fewest pieces the load plausibly holds by its
 *                        typical piece weight; never judged without one). The amounts compared stay on the scale (its
 *                        log); HQ gets the flag, the PLU sold and the PLU recognised, as for a same-type mismatch
 * @param paymentReference the card payment's reference when the shopper paid at the scale (an approval from the
 *                        card terminal: terminal id, receipt and trace number), or null when the label is paid at
 *                        the till. HQ's till reconciliation counts a label with a reference as paid at the scale.
 * @param voidReason      null for a sale whose label printed; for a sale whose label never printed (the shopper took
 *                        the item off, the scale restarted), why: the sale is kept and reported, but not counted
 *                        (no label, no sale); for a PAID sale whose card payment the scale reversed afterwards,
 *                        {@link #refundedReason} (the sale is sent again voided, see {@code voidedAt})
 * @param countImplausible loss prevention, per-piece sales: the count entered is not plausible for the load on the
 *                        platter and the PLU's typical piece weight; null when not judged (older scales, no typical
 *                        weight, not per piece). The sale went ahead.
 * @param itemName        the item's name as printed on the label (the scale's language), so that reports show what
 *                        was sold even after the item is renamed; null from scales of older builds
 * @param regularUnitPriceMinor the unit price before any promotion (the book's price in force); null from older scales
 * @param promotionText   the promotion's text as printed ("Offer -20 %"), or null
 * @param discountMinor   what the promotion took off the total (regular total − total), or null without a promotion
 *                        or from older scales
 * @param voidedAt        when the scale voided the sale, by the scale's clock: for a label that never printed, when the
 *                        scale gave it up; for a card payment reversed after its PAID label printed
 *                        ({@link #refundedReason}), when the scale began the reversal (the payment journal's REVERSING
 *                        step, taken only within the scale's reversal window of the payment). Set only with
 *                        {@code voidReason}, never before {@code soldAt}; null for a counted sale and from scales of
 *                        older builds. It goes with the void: a re-send of the voided sale after a restart carries the
 *                        same time. HQ takes a late void (of a sale it stored counted) only with this time, within the
 *                        reversal window after {@code soldAt} and not after the void arrived (see the server's
 *                        {@code Resent}): the time it arrives proves nothing after an outage.
 * @param pricedAt        when the scale fixed the price it charged, by the scale's clock: the press of Print or of Pay here
 *                        by card, where the scale confirms the price in force ({@code soldAt} is later by the card payment:
 *                        the terminal's approval, then the label). HQ judges the unit price, scheduled price and promotion
 *                        at this time ({@link #pricedTime}); the time of sale ({@code soldAt}) stays what the business day
 *                        and the plausible-time check go by. Never after {@code soldAt}, and at most {@link
 *                        #PRICED_BEFORE_SOLD} before it; null from scales of older builds (then the price is judged at
 *                        {@code soldAt}).
 */
public record Sale(
        String saleId,
        String storeId,
        String scaleId,
        long saleNumber,
        String pluCode,
        SaleType saleType,
        long netMg,
        int count,
        long unitPriceMinor,
        String promotionId,
        long totalMinor,
        String currency,
        String barcode,
        Instant soldAt,
        long priceBookVersion,
        String recognisedPlu,
        Double recognitionConfidence,
        boolean autoPicked,
        int chosenRank,
        boolean mismatch,
        @com.freshscale.protocol.codec.OptionalField String paymentReference,
        @com.freshscale.protocol.codec.OptionalField String voidReason,
        @com.freshscale.protocol.codec.OptionalField Boolean countImplausible,
        @com.freshscale.protocol.codec.OptionalField String itemName,
        @com.freshscale.protocol.codec.OptionalField Long regularUnitPriceMinor,
        @com.freshscale.protocol.codec.OptionalField String promotionText,
        @com.freshscale.protocol.codec.OptionalField Long discountMinor,
        @com.freshscale.protocol.codec.OptionalField Instant voidedAt,
        @com.freshscale.protocol.codec.OptionalField Instant pricedAt) {

    /** Letters, digits and / : . _ - : e.g. {@code 52500038/000117/000042} (terminal id / receipt / trace). */
    private static final Pattern PAYMENT_REFERENCE = Pattern.compile("[A-Za-z0-9/:._-]{1,64}");
    private static final Pattern PROMOTION = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    /** Far above any retail scale's Max (OIML R76 class III scales for produce are ≤ 30 kg). */
    public static final long MAX_NET_MG = 1_000_000_000L;
    /** Longest void reason a sale carries. */
    public static final int MAX_VOID_REASON = 200;
    /**
     * How long after its PAID label printed a scale may still reverse a card payment (the shopper still at the scale hands
     * the label back; later refunds are the till's): the scale refuses a reversal after it, and HQ takes the late void of
     * a stored sale ({@link #refundedReason}) only if its {@code voidedAt} is within this of {@code soldAt}, plus the
     * clock skew it allows a scale. The scale's rule and HQ's check read this one figure.
     */
    public static final java.time.Duration REVERSAL_WINDOW = java.time.Duration.ofMinutes(15);
    /**
     * How long before its time of sale ({@code soldAt}) a sale's price may have been fixed ({@code pricedAt}): the press
     * of Pay here by card, then the card payment, then the PAID label. The scale bounds each silent stretch of a payment
     * by {@code payment.silenceSeconds}, at most 600 s (device {@code PaymentConfig.MAX_SILENCE_SECONDS}); the only long
     * one is the shopper at the terminal (card, PIN), which terminals themselves time out after a minute or two, and the
     * rest (the approval, the settled reading, the label) takes seconds. 10 minutes is thus above any honest payment, and
     * all a scale can stretch a promotion or a price past its end by. A scale whose payment took longer sends no
     * {@code pricedAt} (the price is judged at {@code soldAt}, as from older scales: see {@link #priced(Instant)}).
     */
    public static final java.time.Duration PRICED_BEFORE_SOLD = java.time.Duration.ofMinutes(10);
    /** Far above any label total (10 million major units); anything larger is corrupt. */
    public static final long MAX_TOTAL_MINOR = 1_000_000_000L;
    /** Longest item name or promotion text a sale carries (names are far shorter on a 58 mm label). */
    public static final int MAX_TEXT = 200;

    public Sale {
        // character loops rather than regular expressions: the server validates every sale of every scale
        require(saleId != null && isUuid(saleId), "saleId must be a UUID");
        Topics.id(storeId);
        Topics.id(scaleId);
        require(saleNumber >= 1, "saleNumber must be >= 1");
        require(pluCode != null && chars(pluCode, 1, 5, '0', '9'), "pluCode must be 1-5 digits");
        require(saleType != null, "saleType is required");
        require(netMg >= 0 && netMg <= MAX_NET_MG, "netMg out of range");
        require(count >= 0 && count <= 10_000, "count out of range");
        require(saleType != SaleType.PER_KG || netMg > 0, "a per-kg sale needs netMg > 0");
        require(saleType != SaleType.PER_PIECE || count > 0, "a per-piece sale needs count > 0");
        require(unitPriceMinor >= 0 && unitPriceMinor <= MAX_TOTAL_MINOR, "unitPriceMinor out of range");
        require(promotionId == null || PROMOTION.matcher(promotionId).matches(), "bad promotionId");
        require(totalMinor >= 0 && totalMinor <= MAX_TOTAL_MINOR, "totalMinor out of range");
        require(currency != null && chars(currency, 3, 3, 'A', 'Z'), "currency must be an ISO 4217 code");
        require(barcode != null && chars(barcode, 8, 14, '0', '9'), "barcode must be 8-14 digits");
        require(soldAt != null, "soldAt is required");
        require(priceBookVersion >= 0, "priceBookVersion must be >= 0");
        require(recognisedPlu == null || chars(recognisedPlu, 1, 5, '0', '9'), "recognisedPlu must be 1-5 digits");
        require(recognitionConfidence == null
                        || (recognitionConfidence >= 0.0 && recognitionConfidence <= 1.0),
                "recognitionConfidence must be in [0, 1]");
        require((recognisedPlu == null) == (recognitionConfidence == null),
                "recognisedPlu and recognitionConfidence come together");
        require(chosenRank >= 0 && chosenRank <= 100, "chosenRank out of range");
        require(!(autoPicked && chosenRank != 0), "an auto-picked sale has no chosen tile (chosenRank 0)");
        require(!mismatch || (recognisedPlu != null && !recognisedPlu.equals(pluCode)),
                "a mismatch names a recognised PLU other than the one sold");
        require(paymentReference == null || PAYMENT_REFERENCE.matcher(paymentReference).matches(),
                "paymentReference must be 1-64 letters, digits or / : . _ -");
        require(voidReason == null || (!voidReason.isBlank() && voidReason.length() <= MAX_VOID_REASON),
                "voidReason must be 1-" + MAX_VOID_REASON + " characters");
        require(countImplausible == null || saleType == SaleType.PER_PIECE, "only a per-piece count is judged");
        require(itemName == null || (!itemName.isBlank() && itemName.length() <= MAX_TEXT), "itemName must be 1-" + MAX_TEXT + " characters");
        require(regularUnitPriceMinor == null || (regularUnitPriceMinor >= 0 && regularUnitPriceMinor <= MAX_TOTAL_MINOR),
                "regularUnitPriceMinor out of range");
        require(promotionText == null || (!promotionText.isBlank() && promotionText.length() <= MAX_TEXT),
                "promotionText must be 1-" + MAX_TEXT + " characters");
        require(discountMinor == null || (discountMinor >= 0 && discountMinor <= MAX_TOTAL_MINOR), "discountMinor out of range");
        require(voidedAt == null || voidReason != null, "voidedAt is only set on a voided sale (with a voidReason)");
        require(voidedAt == null || !voidedAt.isBefore(soldAt), "voidedAt must not be before soldAt");
        require(pricedAt == null || !pricedAt.isAfter(soldAt), "pricedAt must not be after soldAt");
        require(pricedAt == null || !pricedAt.isBefore(soldAt.minus(PRICED_BEFORE_SOLD)),
                "pricedAt must not be more than " + PRICED_BEFORE_SOLD.toMinutes() + " min before soldAt");
    }

    /** A sale as scales sent it before {@code pricedAt}: its price is judged at {@code soldAt}. */
    public Sale(String saleId, String storeId, String scaleId, long saleNumber, String pluCode, SaleType saleType, long netMg,
                int count, long unitPriceMinor, String promotionId, long totalMinor, String currency, String barcode,
                Instant soldAt, long priceBookVersion, String recognisedPlu, Double recognitionConfidence, boolean autoPicked,
                int chosenRank, boolean mismatch, String paymentReference, String voidReason, Boolean countImplausible,
                String itemName, Long regularUnitPriceMinor, String promotionText, Long discountMinor, Instant voidedAt) {
        this(saleId, storeId, scaleId, saleNumber, pluCode, saleType, netMg, count, unitPriceMinor, promotionId, totalMinor,
                currency, barcode, soldAt, priceBookVersion, recognisedPlu, recognitionConfidence, autoPicked, chosenRank, mismatch,
                paymentReference, voidReason, countImplausible, itemName, regularUnitPriceMinor, promotionText, discountMinor,
                voidedAt, null);
    }

    /**
     * The time the price of this sale is judged at: when the scale fixed it ({@code pricedAt}), or {@code soldAt} for a
     * sale of an older scale.
     */
    public Instant pricedTime() {
        return pricedAt != null ? pricedAt : soldAt;
    }

    /**
     * This sale with its price fixed at {@code at} by the scale's clock. A time after {@code soldAt} (the scale's clock set
     * back between the press and the sale) is taken as {@code soldAt}; one more than {@link #PRICED_BEFORE_SOLD} before it
     * (a payment slower than any honest one) is left out, so the price is judged at {@code soldAt}: the sale is then judged
     * as an older scale's, and may be quarantined for review, but is never refused (a refused sale would block its outbox).
     * {@code at} null leaves it out too.
     */
    public Sale priced(Instant at) {
        Instant when = at == null || at.isBefore(soldAt.minus(PRICED_BEFORE_SOLD)) ? null : at.isAfter(soldAt) ? soldAt : at;
        return new Sale(saleId, storeId, scaleId, saleNumber, pluCode, saleType, netMg, count, unitPriceMinor, promotionId,
                totalMinor, currency, barcode, soldAt, priceBookVersion, recognisedPlu, recognitionConfidence, autoPicked,
                chosenRank, mismatch, paymentReference, voidReason, countImplausible, itemName, regularUnitPriceMinor, promotionText,
                discountMinor, voidedAt, when);
    }

    /** A sale paid at the scale, or at the till, whose label printed (or that is not judged voided yet). */
    public Sale(String saleId, String storeId, String scaleId, long saleNumber, String pluCode, SaleType saleType, long netMg,
                int count, long unitPriceMinor, String promotionId, long totalMinor, String currency, String barcode,
                Instant soldAt, long priceBookVersion, String recognisedPlu, Double recognitionConfidence, boolean autoPicked,
                int chosenRank, boolean mismatch, String paymentReference) {
        this(saleId, storeId, scaleId, saleNumber, pluCode, saleType, netMg, count, unitPriceMinor, promotionId, totalMinor,
                currency, barcode, soldAt, priceBookVersion, recognisedPlu, recognitionConfidence, autoPicked, chosenRank, mismatch,
                paymentReference, null, null, null, null, null, null, null);
    }

    /**
     * This sale voided for {@code reason} (its label never printed, or its card payment reversed after the PAID label
     * printed: {@link #refundedReason}) by the scale at {@code at}. A time before {@code soldAt} (the scale's clock set
     * back between the sale and its void) is taken as {@code soldAt}: the void must still reach HQ. {@code at} null makes
     * the sale a scale of an older build sends (no time of its void).
     */
    public Sale voided(String reason, Instant at) {
        Instant when = at == null || !at.isBefore(soldAt) ? at : soldAt;
        return new Sale(saleId, storeId, scaleId, saleNumber, pluCode, saleType, netMg, count, unitPriceMinor, promotionId,
                totalMinor, currency, barcode, soldAt, priceBookVersion, recognisedPlu, recognitionConfidence, autoPicked,
                chosenRank, mismatch, paymentReference, reason, countImplausible, itemName, regularUnitPriceMinor, promotionText,
                discountMinor, when, pricedAt);
    }

    /** This per-piece sale with its count judged against the load: {@code implausible} when it does not fit. */
    public Sale countJudged(boolean implausible) {
        return new Sale(saleId, storeId, scaleId, saleNumber, pluCode, saleType, netMg, count, unitPriceMinor, promotionId,
                totalMinor, currency, barcode, soldAt, priceBookVersion, recognisedPlu, recognitionConfidence, autoPicked,
                chosenRank, mismatch, paymentReference, voidReason, implausible, itemName, regularUnitPriceMinor, promotionText,
                discountMinor, voidedAt, pricedAt);
    }

    /** Whether the sale counts: its label printed. */
    public boolean counted() {
        return voidReason == null;
    }

    /** A sale whose label is paid at the till (no payment at the scale). */
    public Sale(String saleId, String storeId, String scaleId, long saleNumber, String pluCode, SaleType saleType, long netMg,
                int count, long unitPriceMinor, String promotionId, long totalMinor, String currency, String barcode,
                Instant soldAt, long priceBookVersion, String recognisedPlu, Double recognitionConfidence, boolean autoPicked,
                int chosenRank, boolean mismatch) {
        this(saleId, storeId, scaleId, saleNumber, pluCode, saleType, netMg, count, unitPriceMinor, promotionId, totalMinor,
                currency, barcode, soldAt, priceBookVersion, recognisedPlu, recognitionConfidence, autoPicked, chosenRank, mismatch,
                null);
    }

    /** This sale with what it was sold as: name, regular unit price, promotion text and discount. */
    public Sale soldAs(String name, Long regularUnitPrice, String promotion, Long discount) {
        return new Sale(saleId, storeId, scaleId, saleNumber, pluCode, saleType, netMg, count, unitPriceMinor, promotionId,
                totalMinor, currency, barcode, soldAt, priceBookVersion, recognisedPlu, recognitionConfidence, autoPicked,
                chosenRank, mismatch, paymentReference, voidReason, countImplausible, name, regularUnitPrice, promotion, discount,
                voidedAt, pricedAt);
    }

    /** This sale, paid at the scale by the card payment {@code reference}. */
    public Sale paidAtScale(String reference) {
        return new Sale(saleId, storeId, scaleId, saleNumber, pluCode, saleType, netMg, count, unitPriceMinor, promotionId,
                totalMinor, currency, barcode, soldAt, priceBookVersion, recognisedPlu, recognitionConfidence, autoPicked,
                chosenRank, mismatch, reference, voidReason, countImplausible, itemName, regularUnitPriceMinor, promotionText,
                discountMinor, voidedAt, pricedAt);
    }

    /**
     * The void reason of a sale paid at the scale by card payment {@code reference} whose payment was reversed after its
     * PAID label printed: the one void HQ takes for a sale it has stored already, and only word for word with the
     * sale's own reference (a stored sale is not voided after the fact for any other reason).
     */
    public static String refundedReason(String reference) {
        return "REFUNDED: card payment reversed at the scale " + reference;
    }

    /** A new random sale id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }


    /** The 8-4-4-4-12 hex form of RFC 9562 §4 (either case), as {@link UUID#toString()} writes it. */
    static boolean isUuid(String s) {
        if (s.length() != 36) return false;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) return false;
        }
        return true;
    }

    /** {@code min} to {@code max} characters, all in {@code from..to}. */
    private static boolean chars(String s, int min, int max, char from, char to) {
        if (s.length() < min || s.length() > max) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < from || c > to) return false;
        }
        return true;
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    /** Same sale, for equality checks in tests and de-dup: the id says it all. */
    public boolean sameId(Sale other) {
        return Objects.equals(saleId, other.saleId);
    }
}
