package com.freshscale.device.payment;

import com.freshscale.device.payment.zvt.EndOfDayTotals;
import com.freshscale.device.payment.zvt.IntermediateStatus;
import com.freshscale.device.payment.zvt.ResultCode;
import com.freshscale.device.payment.zvt.StatusInformation;
import com.freshscale.device.payment.zvt.ZvtClient;
import com.freshscale.device.payment.zvt.ZvtFormatException;
import com.freshscale.device.payment.zvt.ZvtOutcome;
import com.freshscale.device.payment.zvt.ZvtTimeoutException;
import com.freshscale.protocol.sales.Sale;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Card payments at the scale over ZVT, with nothing lost and nothing charged twice: every step is in the
 * {@link PaymentJournal} before it is taken, a payment counts only with the terminal's approval, and whatever a
 * kill, a lost link or a silent terminal left open is settled with the terminal ({@link #settleOpen}): a payment
 * whose PAID label came out is completed, any other the terminal booked is reversed.
 *
 * <p>Which booking is ours after a lost link: the scale is the terminal's only ECR (one terminal per scale), so its
 * last booking (repeat receipt, 06 20) is either one the journal knows (by receipt number) or the payment that was
 * open; it is taken as ours only if its amount is the open payment's too.
 */
public final class CardPayments {
    private static final Logger LOG = LoggerFactory.getLogger(CardPayments.class);

    /** What the payments need of the scale's sale records. */
    public interface Sales {
        /** WAITING, PRINTED or VOIDED for a recorded sale; empty if none was recorded. */
        Optional<String> labelState(String saleId);

        /** Voids sale {@code saleId} at {@code at} if it is still waiting for its label (the shopper got no PAID label). */
        void voidWaiting(String saleId, String reason, java.time.Instant at);

        /**
         * The payment of sale {@code saleId}, whose PAID label printed, was reversed: the sale is voided with
         * {@code reason} as of {@code at} (when the scale began the reversal: {@code Sale.voidedAt}) and HQ told, so that
         * it counts neither as takings nor as paid at the scale. False if the sale is not one whose label printed.
         */
        boolean refunded(String saleId, String reason, java.time.Instant at);
    }

    /** How a payment ended for the shopper. */
    public enum Result {
        APPROVED, DECLINED, ABORTED, TIMEOUT, LINK_LOST, UNAVAILABLE
    }

    /**
     * @param messageKey what to tell the shopper (kiosk text {@code pay.<key>}), null when approved
     * @param receipt    the terminal's customer receipt, line by line
     */
    public record Outcome(Result result, Payment payment, String messageKey, String detail, List<String> receipt) {
        public boolean approved() {
            return result == Result.APPROVED;
        }
    }

    /** What settling open payments did. */
    public record Settlement(int completed, int reversed, int notBooked, int stillOpen) {}

    private final ZvtClient terminal;
    private final PaymentJournal journal;
    private final Sales sales;
    private volatile boolean registered;

    public CardPayments(ZvtClient terminal, PaymentJournal journal, Sales sales) {
        this.terminal = terminal;
        this.journal = journal;
        this.sales = sales;
    }

    public PaymentJournal journal() {
        return journal;
    }

    /**
     * Charges {@code amountMinor} for sale {@code saleId} (not recorded yet). Open payments are settled first; if one
     * stays open (the terminal cannot be reached) no new payment starts. {@code status} gets the terminal's
     * intermediate status as a kiosk message key ({@link #statusKey}).
     */
    public synchronized Outcome pay(String saleId, long amountMinor, String currency, Consumer<String> status) {
        Settlement s = settleOpen();
        if (s.stillOpen() > 0) {
            return new Outcome(Result.UNAVAILABLE, null, "unavailable", "an earlier payment is not settled with the terminal yet", List.of());
        }
        try {
            if (!registered) {
                ZvtOutcome reg = terminal.register(new ZvtClient.Listener() {});
                if (!reg.completed()) {
                    return new Outcome(Result.UNAVAILABLE, null, "unavailable", "the terminal refused registration: "
                            + ResultCode.describe(reg.abortCode()), List.of());
                }
                registered = true;
            }
        } catch (IOException | ZvtFormatException e) {
            return new Outcome(Result.UNAVAILABLE, null, "unavailable", "card terminal not reachable: " + e.getMessage(), List.of());
        }
        Payment p = journal.start(saleId, amountMinor, currency);
        FaultPoint.reach("authorising");
        ZvtOutcome o;
        try {
            o = terminal.authorize(amountMinor, new ZvtClient.Listener() {
                @Override
                public void intermediate(IntermediateStatus st) {
                    status.accept(statusKey(st.code()));
                }
            });
        } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
            // no connection, so nothing was sent: nothing can have been booked
            registered = false;
            journal.move(p.id(), PaymentState.FAILED, null, null, "terminal not reachable: " + e.getMessage());
            return new Outcome(Result.UNAVAILABLE, p, "unavailable", e.getMessage(), List.of());
        } catch (IOException | ZvtFormatException e) {
            registered = false;
            boolean timeout = e instanceof ZvtTimeoutException;
            Payment unknown = journal.move(p.id(), PaymentState.UNKNOWN, null, null, (timeout ? "terminal silent: " : "link lost: ") + e.getMessage());
            LOG.warn("card payment {} of sale {}: {}; settling it with the terminal", p.id(), saleId, e.getMessage());
            // the shopper gets no PAID label for it in any case: if the terminal booked it, it is reversed now or later
            settle(unknown);
            Payment after = journal.find(p.id()).orElseThrow();
            return new Outcome(timeout ? Result.TIMEOUT : Result.LINK_LOST, after, timeout ? "timeout" : "link_lost",
                    e.getMessage(), List.of());
        }
        FaultPoint.reach("answered");
        StatusInformation st = o.status();
        if (o.approved()) {
            if (st.receiptNumber() == null || st.traceNumber() == null || st.terminalId() == null
                    || st.amountMinor() == null || st.amountMinor() != amountMinor) {
                // an approval that does not name its receipt or is for another amount cannot be accounted for: undone
                Payment a = journal.move(p.id(), PaymentState.APPROVED, terminalOf(st), st.resultCode(),
                        "approval without receipt/trace/terminal id or of another amount: " + st.amountMinor());
                settle(a); // reversed now, or at the next settling if the terminal does not answer
                return new Outcome(Result.LINK_LOST, journal.find(p.id()).orElseThrow(), "link_lost", "incomplete approval", List.of());
            }
            Payment a = journal.move(p.id(), PaymentState.APPROVED, terminalOf(st), st.resultCode(), st.cardName());
            FaultPoint.reach("approved");
            return new Outcome(Result.APPROVED, a, null, null, o.receiptLines());
        }
        int code = o.resultCode();
        if (code == ResultCode.ABORTED) {
            Payment a = journal.move(p.id(), PaymentState.ABORTED, null, code, ResultCode.describe(code));
            return new Outcome(Result.ABORTED, a, "aborted", ResultCode.describe(code), o.receiptLines());
        }
        if (o.completed()) {
            // a completion whose status says not approved: nothing booked, as with a decline
            Payment a = journal.move(p.id(), PaymentState.DECLINED, null, code, ResultCode.describe(code));
            return new Outcome(Result.DECLINED, a, "declined", ResultCode.describe(code), o.receiptLines());
        }
        Payment a = journal.move(p.id(), code >= 1 && code <= 0x63 ? PaymentState.DECLINED : PaymentState.FAILED, null, code,
                ResultCode.describe(code));
        return new Outcome(code >= 1 && code <= 0x63 ? Result.DECLINED : Result.UNAVAILABLE, a,
                code >= 1 && code <= 0x63 ? "declined" : "card_error", ResultCode.describe(code), o.receiptLines());
    }

    /** The PAID label of approved payment {@code p} printed and its sale went to HQ: done. */
    public Payment completed(Payment p) {
        return journal.move(p.id(), PaymentState.COMPLETED, null, null, "PAID label printed");
    }

    /** Asks the terminal to stop the payment that runs (the shopper pressed Cancel); false if none runs. */
    public boolean abort() {
        return terminal.abort();
    }

    /** Settles every open payment with the terminal (at start, and before each payment). */
    public synchronized Settlement settleOpen() {
        int completed = 0;
        int reversed = 0;
        int notBooked = 0;
        int open = 0;
        for (Payment p : journal.open()) {
            PaymentState end = settle(p);
            switch (end) {
                case COMPLETED -> completed++;
                case REVERSED, REVERSAL_FAILED -> reversed++;
                case FAILED -> notBooked++;
                default -> open++;
            }
        }
        if (completed + reversed + notBooked + open > 0) {
            LOG.info("open card payments settled: {} completed, {} reversed, {} not booked, {} still open", completed, reversed, notBooked, open);
        }
        return new Settlement(completed, reversed, notBooked, open);
    }

    private PaymentState settle(Payment p) {
        try {
            switch (p.state()) {
                case APPROVED -> {
                    Optional<String> label = sales.labelState(p.saleId());
                    if (label.filter("PRINTED"::equals).isPresent()) return completed(p).state();
                    sales.voidWaiting(p.saleId(), "card payment reversed: the PAID label never printed", journal.now());
                    return reverse(p, "the PAID label never printed").state();
                }
                case AUTHORISING, UNKNOWN -> {
                    ZvtOutcome last = terminal.repeatReceipt(new ZvtClient.Listener() {});
                    StatusInformation st = last.status();
                    boolean ours = last.completed() && st != null && st.approved() && st.receiptNumber() != null
                            && st.amountMinor() != null && st.amountMinor() == p.amountMinor() && !journal.knowsReceipt(st.receiptNumber());
                    if (!ours) {
                        return journal.move(p.id(), PaymentState.FAILED, null, null, "not booked at the terminal (its last booking: "
                                + (st == null || st.receiptNumber() == null ? "none" : "receipt " + st.receiptNumber()) + ")").state();
                    }
                    Payment a = journal.move(p.id(), PaymentState.APPROVED, terminalOf(st), st.resultCode(),
                            "booked at the terminal, found by repeat receipt after " + p.state());
                    sales.voidWaiting(p.saleId(), "card payment reversed: the PAID label never printed", journal.now());
                    return reverse(a, "booked while the scale lost the payment").state();
                }
                case REVERSING -> {
                    return reverse(p, p.detail()).state();
                }
                default -> {
                    return p.state();
                }
            }
        } catch (IOException | ZvtFormatException e) {
            registered = false;
            LOG.warn("card payment {} stays open: the terminal did not answer ({})", p.id(), e.getMessage());
            return journal.find(p.id()).orElseThrow().state();
        }
    }

    /**
     * Reverses approved payment {@code p} at the terminal (06 30 with its receipt number). REVERSING is journaled
     * before the command goes out; a terminal that says it is reversed already (after a kill) settles it too. The time of
     * the REVERSING step is when the scale voided the sale ({@code Sale.voidedAt} of a refunded sale): the reversal was
     * decided then, within {@link #REVERSAL_WINDOW}, even when a kill or a silent terminal has it finished later.
     */
    Payment reverse(Payment p, String why) throws IOException {
        if (p.receiptNumber() == null) throw new IllegalStateException("payment " + p.id() + " has no receipt number to reverse");
        Payment r = p.state() == PaymentState.REVERSING ? p : journal.move(p.id(), PaymentState.REVERSING, null, null, why);
        java.time.Instant decided = r.updatedAt();
        FaultPoint.reach("reversing");
        ZvtOutcome o = terminal.reverse(r.receiptNumber().intValue(), new ZvtClient.Listener() {});
        StatusInformation st = o.status();
        if (o.approved()) {
            Payment done = journal.move(p.id(), PaymentState.REVERSED, st.receiptNumber() == null ? null
                    : PaymentJournal.Terminal.reversal(st.receiptNumber()), st.resultCode(), why);
            LOG.warn("card payment {} ({} minor units, receipt {}) reversed: {}", p.id(), p.amountMinor(), p.receiptNumber(), why);
            return refunded(done, decided);
        }
        int code = o.resultCode();
        if (code == ResultCode.ALREADY_REVERSED) {
            return refunded(journal.move(p.id(), PaymentState.REVERSED, null, code, why + " (already reversed)"), decided);
        }
        LOG.error("card payment {} (receipt {}) could not be reversed: {}; staff must refund {} minor units", p.id(),
                p.receiptNumber(), ResultCode.describe(code), p.amountMinor());
        return journal.move(p.id(), PaymentState.REVERSAL_FAILED, null, code, ResultCode.describe(code));
    }

    /**
     * The money of reversed payment {@code r} went back to the card: if its PAID label had printed (a completed payment
     * the service menu reversed), the sale is voided and HQ told, so that it counts neither as takings nor as paid at
     * the scale. A payment reversed before its label printed has its sale voided already (no label, no sale). Done
     * after the REVERSED state is journaled; a reversal a kill interrupted is finished by {@link #settleOpen}, which
     * comes here too. A kill between the two leaves the sale counted: the journal shows REVERSED for staff to see. The
     * sale is voided as of {@code decided}, when the reversal was journaled (REVERSING).
     */
    private Payment refunded(Payment r, java.time.Instant decided) {
        if (sales.refunded(r.saleId(), r.reference() == null
                ? "REFUNDED: card payment reversed at the scale" : Sale.refundedReason(r.reference()), decided)) {
            LOG.warn("sale {} voided: its card payment {} was reversed after the PAID label printed", r.saleId(), r.reference());
        }
        return r;
    }

    /**
     * How long after its PAID label printed a payment may still be reversed at the scale. The reversal voids the sale while
     * the PAID label stays valid at the till (its barcode is never charged), so it is only for a shopper who is still at
     * the scale and hands the label back (wrong item, changed mind). Later the shopper may have left with goods and label;
     * a refund then belongs at the till, where the label and goods are taken back. No standard sets the figure: it is this
     * scale's choice of "still at the scale", well inside a terminal's day (ZVT 06 30 reverses only within the open batch).
     * It is the protocol's {@link Sale#REVERSAL_WINDOW}: HQ takes the refunded sale's late void only if the scale voided
     * it ({@code Sale.voidedAt}, the REVERSING step) within this of the sale (plus HQ's clock skew allowance).
     */
    public static final java.time.Duration REVERSAL_WINDOW = Sale.REVERSAL_WINDOW;

    /**
     * The service menu's reversal of the last payment (ZVT 06 30 reverses one receipt, the shopper's at the scale just
     * now); empty when there is none, or when the last one is reversed already: a second press must not reverse the
     * sale before it, which nobody asked to refund.
     */
    public synchronized Optional<Payment> reverseLast(String technician) throws IOException {
        Optional<Payment> last = journal.lastBooked().filter(p -> p.state() == PaymentState.COMPLETED);
        if (last.isEmpty()) return Optional.empty();
        java.time.Duration age = java.time.Duration.between(last.get().updatedAt(), journal.now());
        if (age.compareTo(REVERSAL_WINDOW) > 0) {
            throw new IllegalStateException("the last card payment (" + last.get().reference() + ") completed " + age.toMinutes()
                    + " min ago: a reversal at the scale is only for the shopper still at it, within " + REVERSAL_WINDOW.toMinutes()
                    + " min; refund it at the till against the goods and their PAID label");
        }
        return Optional.of(reverse(last.get(), "reversed by " + technician + " from the service menu"));
    }

    /** End-of-day (06 50): the terminal closes its batch and reports its totals. */
    public synchronized EndOfDay endOfDay() throws IOException {
        ZvtOutcome o = terminal.endOfDay(new ZvtClient.Listener() {});
        StatusInformation st = o.status();
        if (!o.completed() || st == null || !st.approved()) {
            return new EndOfDay(false, ResultCode.describe(o.resultCode()), null, 0, o.receiptLines());
        }
        return new EndOfDay(true, null, st.totals(), st.amountMinor() == null ? 0 : st.amountMinor(), o.receiptLines());
    }

    /** An end-of-day's result: the batch's totals by card scheme and the terminal's report. */
    public record EndOfDay(boolean done, String problem, EndOfDayTotals totals, long turnoverMinor, List<String> report) {}

    /** The kiosk's message key for the terminal's intermediate status (spec 3.7), shown in the shopper's language. */
    public static String statusKey(int code) {
        return switch (code) {
            case IntermediateStatus.INSERT_CARD -> "insert_card";
            case IntermediateStatus.WATCH_PIN_PAD -> "enter_pin";
            case IntermediateStatus.REMOVE_CARD -> "remove_card";
            case IntermediateStatus.CARD_NOT_READABLE -> "card_not_readable";
            case IntermediateStatus.INCORRECT_PIN -> "incorrect_pin";
            case IntermediateStatus.APPROVED_TAKE_GOODS -> "approved";
            case IntermediateStatus.DECLINED, IntermediateStatus.NOT_ACCEPTED -> "declined";
            case IntermediateStatus.WAITING_FOR_AMOUNT_CONFIRMATION -> "confirm_amount";
            default -> "please_wait";
        };
    }

    private static PaymentJournal.Terminal terminalOf(StatusInformation st) {
        return st == null ? null : new PaymentJournal.Terminal(st.terminalId(), st.receiptNumber(), st.traceNumber(), null);
    }
}
