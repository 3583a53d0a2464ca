package com.freshscale.server.ingest;

import com.freshscale.protocol.sales.Sale;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a sale id that is stored already means when it comes again. The scale's outbox sends a sale until it is
 * acknowledged, so its own sale comes again unchanged (a duplicate, acknowledged again). A sale is voided after the fact
 * (a late void) for one reason only: its card payment at the scale was reversed after the PAID label printed (issue 13),
 * so a stored sale with a payment reference that comes again voided as {@link Sale#refundedReason} of that reference
 * takes the void reason, once, with the time it arrived ({@code voided_at_ms}) and the scale's time of the void
 * ({@code scale_voided_at_ms}, {@link Sale#voidedAt}). Any other late void is quarantined: a scale that
 * never got the ack of a printed till label must not take it out of the takings by re-sending it as "label not printed"
 * (a label that never printed is voided before its sale leaves the scale). Anything else is quarantined too, never
 * stored: a sale is not rewritten by re-sending it, and an id stored for another scale is not that scale's to use.
 *
 * <p>A refunded void is taken only as one the scale could make: the scale reverses a card payment only within
 * {@link Sale#REVERSAL_WINDOW} of its PAID label, so the void must carry when the scale voided the sale
 * ({@link Sale#voidedAt}), that time must be at most the window after {@code soldAt}, and not after the void arrived,
 * each with the clock skew the ingest allows a scale ({@link TillCheck#FUTURE}, as for {@code IMPLAUSIBLE_TIME}).
 * The time it arrives cannot stand in for it: a scale offline for days sends a void made in the window days later,
 * and a void made days later (a probe, or a scale gone wrong) arrives as promptly as an honest one. Else it is
 * quarantined as {@link QuarantineReason#LATE_VOID_OUTSIDE_WINDOW} and the stored sale stays counted.
 *
 * <p>A refunded void without {@code voidedAt} comes from a scale of an older build (or from anyone who leaves it out):
 * it is quarantined for review, not taken. Taking it would keep open what the field closes (anyone re-sending a paid
 * sale voided, at any time, takes it out of the takings); refusing it costs little: such a void is rare (a reversal at
 * the scale within 15 minutes), it stays in the Quarantine tab with the reason, and the sale stays counted as paid
 * at the scale, which staff correct by hand if the refund was real, until the scale is updated.
 */
final class Resent {
    /** How a re-sent sale was taken. */
    enum Kind { DUPLICATE, VOIDED, REFUSED }

    record Outcome(Sale sale, Kind kind, TillCheck.Verdict verdict) {}

    private Resent() {}

    /**
     * Judges every sale of {@code seen} (ids already in the sale table) and applies the voids, in the caller's
     * transaction; {@code nowMs}, when they arrived, is recorded as the time of each void taken and is what a late void's
     * {@link Sale#voidedAt} must not be after ({@link #outsideWindow}).
     */
    static List<Outcome> judge(Connection c, List<Sale> seen, long nowMs) throws SQLException {
        List<Outcome> out = new ArrayList<>(seen.size());
        if (seen.isEmpty()) return out;
        try (PreparedStatement p = c.prepareStatement("SELECT store_id, scale_id, sale_number, plu_code, sale_type, net_mg, item_count, "
                + "unit_price_minor, promotion_id, total_minor, currency, barcode, sold_at_ms, price_book_version, recognised_plu, "
                + "recognition_confidence, auto_picked, chosen_rank, mismatch, payment_reference, count_implausible, item_name, "
                + "regular_unit_price_minor, promotion_text, discount_minor, sold_as, void_reason, priced_at_ms FROM sale WHERE sale_id = ?");
             PreparedStatement v = c.prepareStatement("UPDATE sale SET void_reason = ?, voided_at_ms = ?, scale_voided_at_ms = ? "
                     + "WHERE sale_id = ? AND void_reason IS NULL")) {
            for (Sale s : seen) {
                p.setString(1, s.saleId());
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        // cannot happen inside the transaction that found it stored; refused rather than guessed at
                        out.add(new Outcome(s, Kind.REFUSED, new TillCheck.Verdict(QuarantineReason.SALE_CHANGED_ON_RESEND,
                                "sale id " + s.saleId() + " vanished while it was stored")));
                        continue;
                    }
                    if (!(r.getString("store_id").equals(s.storeId()) && r.getString("scale_id").equals(s.scaleId()))) {
                        out.add(new Outcome(s, Kind.REFUSED, new TillCheck.Verdict(QuarantineReason.SALE_ID_OF_ANOTHER_SCALE,
                                "sale id " + s.saleId() + " was stored for scale " + r.getString("scale_id") + " of store "
                                        + r.getString("store_id"))));
                        continue;
                    }
                    String differs = firstDifference(r, s);
                    if (differs != null) {
                        out.add(new Outcome(s, Kind.REFUSED, new TillCheck.Verdict(QuarantineReason.SALE_CHANGED_ON_RESEND,
                                "sale " + s.saleId() + " sent again with another " + differs + " than the stored sale")));
                        continue;
                    }
                    boolean voids = s.voidReason() != null && r.getString("void_reason") == null;
                    String reference = r.getString("payment_reference");
                    if (voids && !(reference != null && s.voidReason().equals(Sale.refundedReason(reference)))) {
                        out.add(new Outcome(s, Kind.REFUSED, new TillCheck.Verdict(QuarantineReason.SALE_CHANGED_ON_RESEND,
                                "sale " + s.saleId() + " sent again voided as \"" + s.voidReason() + "\": a stored sale is voided "
                                        + "later only as its card payment reversed at the scale" + (reference == null
                                        ? ", and it was not paid at the scale" : " (\"" + Sale.refundedReason(reference) + "\")"))));
                        continue;
                    }
                    String untimely = voids ? outsideWindow(s, nowMs) : null;
                    if (untimely != null) {
                        out.add(new Outcome(s, Kind.REFUSED, new TillCheck.Verdict(QuarantineReason.LATE_VOID_OUTSIDE_WINDOW,
                                "sale " + s.saleId() + " sold at " + s.soldAt() + " sent again voided as \"" + s.voidReason()
                                        + "\" " + untimely)));
                        continue;
                    }
                    if (voids) {
                        v.setString(1, s.voidReason());
                        v.setLong(2, nowMs);
                        v.setLong(3, s.voidedAt().toEpochMilli());
                        v.setString(4, s.saleId());
                        voids = v.executeUpdate() == 1;
                    }
                    out.add(new Outcome(s, voids ? Kind.VOIDED : Kind.DUPLICATE, null));
                }
            }
        }
        return out;
    }

    /**
     * Why the refunded void {@code s}, arrived at {@code arrivedMs}, is not one its scale could have made, or null if it
     * is: its {@link Sale#voidedAt} is present, at most {@link Sale#REVERSAL_WINDOW} after {@code soldAt} and not after
     * its arrival, each with the clock skew {@link TillCheck#FUTURE}.
     */
    static String outsideWindow(Sale s, long arrivedMs) {
        java.time.Duration window = Sale.REVERSAL_WINDOW;
        java.time.Duration skew = TillCheck.FUTURE;
        java.time.Instant at = s.voidedAt();
        if (at == null) {
            return "without the time the scale voided it (voidedAt; a scale of an older build): a stored sale is voided "
                    + "later only within " + window.toMinutes() + " min of its sale, which the void must show; kept for review";
        }
        if (at.isAfter(s.soldAt().plus(window).plus(skew))) {
            return "at " + at + ", " + java.time.Duration.between(s.soldAt(), at).toMinutes() + " min after its sale: a card "
                    + "payment is reversed at the scale only within " + window.toMinutes() + " min of its PAID label (+"
                    + skew.toMinutes() + " min for clocks); later refunds are the till's";
        }
        java.time.Instant arrived = java.time.Instant.ofEpochMilli(arrivedMs);
        if (at.isAfter(arrived.plus(skew))) {
            return "at " + at + ", after it arrived (" + arrived + ", +" + skew.toMinutes() + " min for clocks): a void "
                    + "dated ahead of its arrival";
        }
        return null;
    }

    /**
     * The first field in which {@code s} differs from the stored row, or null. The void reason is not compared (that is
     * what may change); the sold-as fields only when the scale sent them (else the server filled them from the book).
     */
    private static String firstDifference(ResultSet r, Sale s) throws SQLException {
        if (r.getLong("sale_number") != s.saleNumber()) return "saleNumber";
        if (!r.getString("plu_code").equals(s.pluCode())) return "pluCode";
        if (!r.getString("sale_type").equals(s.saleType().name())) return "saleType";
        if (r.getLong("net_mg") != s.netMg()) return "netMg";
        if (r.getInt("item_count") != s.count()) return "count";
        if (r.getLong("unit_price_minor") != s.unitPriceMinor()) return "unitPriceMinor";
        if (!Objects.equals(r.getString("promotion_id"), s.promotionId())) return "promotionId";
        if (r.getLong("total_minor") != s.totalMinor()) return "totalMinor";
        if (!r.getString("currency").equals(s.currency())) return "currency";
        if (!r.getString("barcode").equals(s.barcode())) return "barcode";
        if (r.getLong("sold_at_ms") != s.soldAt().toEpochMilli()) return "soldAt";
        if (r.getLong("price_book_version") != s.priceBookVersion()) return "priceBookVersion";
        if (!Objects.equals(r.getString("recognised_plu"), s.recognisedPlu())) return "recognisedPlu";
        if (!Objects.equals(nullableDouble(r, "recognition_confidence"), s.recognitionConfidence())) return "recognitionConfidence";
        if (r.getBoolean("auto_picked") != s.autoPicked()) return "autoPicked";
        if (r.getInt("chosen_rank") != s.chosenRank()) return "chosenRank";
        if (r.getBoolean("mismatch") != s.mismatch()) return "mismatch";
        if (!Objects.equals(r.getString("payment_reference"), s.paymentReference())) return "paymentReference";
        if (!Objects.equals(nullableBoolean(r, "count_implausible"), s.countImplausible())) return "countImplausible";
        // a sale stored before HQ kept the price time has none to compare with: its scale's re-send is not a change
        Long pricedAtMs = nullableLong(r, "priced_at_ms");
        if (pricedAtMs != null && (s.pricedAt() == null || pricedAtMs != s.pricedAt().toEpochMilli())) return "pricedAt";
        if ("scale".equals(r.getString("sold_as")) || s.itemName() != null) {
            if (!Objects.equals(r.getString("item_name"), s.itemName())) return "itemName";
            if (!Objects.equals(nullableLong(r, "regular_unit_price_minor"), s.regularUnitPriceMinor())) return "regularUnitPriceMinor";
            if (!Objects.equals(r.getString("promotion_text"), s.promotionText())) return "promotionText";
            if (!Objects.equals(nullableLong(r, "discount_minor"), s.discountMinor())) return "discountMinor";
        }
        return null;
    }

    private static Double nullableDouble(ResultSet r, String column) throws SQLException {
        double d = r.getDouble(column);
        return r.wasNull() ? null : d;
    }

    private static Long nullableLong(ResultSet r, String column) throws SQLException {
        long l = r.getLong(column);
        return r.wasNull() ? null : l;
    }

    private static Boolean nullableBoolean(ResultSet r, String column) throws SQLException {
        boolean b = r.getBoolean(column);
        return r.wasNull() ? null : b;
    }
}
