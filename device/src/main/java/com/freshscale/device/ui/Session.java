package com.freshscale.device.ui;

import com.freshscale.device.label.PrintOutcome;
import com.freshscale.device.label.printer.PrinterFault;
import com.freshscale.device.pricing.PricedItem;
import com.freshscale.device.vision.Candidates;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import java.util.Optional;

/**
 * One shopper's sale as an explicit state machine (see {@link SessionState}). Pure logic: it never weighs,
 * looks, prices or prints itself. The app feeds it events (weight readings, recognition results, taps,
 * price and print outcomes) and asks it what work is due ({@link #work()}); results of slow work carry the
 * {@link #loadId()} they were started for, so a result for an item already taken off is ignored.
 * Not thread-safe: the app serialises all calls.
 */
public final class Session {
    /** What the app has to do next for this session. */
    public enum Work {
        NONE, RECOGNISE, PRICE,
        /** The load paid for left the platter while the terminal runs the payment: ask the terminal to abort it. */
        ABORT_PAYMENT
    }

    /** The answer to a tap: done, or refused with a message key the kiosk translates. */
    public record Answer(boolean accepted, String messageKey, String detail) {
        static final Answer OK = new Answer(true, null, null);

        static Answer refused(String key) {
            return new Answer(false, key, null);
        }

        static Answer refused(String key, String detail) {
            return new Answer(false, key, detail);
        }
    }

    /** The pick: the PLU, the tile's 1-based rank (0 when from search or auto-picked) and whether the scale chose it. */
    public record Pick(Plu plu, int rank, boolean auto) {
    }

    /**
     * The load that was priced and the sale and label it became; {@code paymentReference} and {@code receipt} when
     * paid by card at the scale (null and empty otherwise).
     */
    public record Sold(String saleId, PricedItem item, long labelJobId, String paymentReference, java.util.List<String> receipt) {
        public Sold {
            receipt = receipt == null ? java.util.List.of() : java.util.List.copyOf(receipt);
        }

        public Sold(String saleId, PricedItem item, long labelJobId) {
            this(saleId, item, labelJobId, null, null);
        }
    }

    /** How long a load may stay unsettled before the shopper is asked to stop touching the platter. */
    static final long UNSTABLE_AFTER_NANOS = 3_000_000_000L;
    /** How long "thank you" stays up after the labelled item was taken off. */
    static final long REMOVED_FOR_NANOS = 1_500_000_000L;
    /** Loads lighter than this many scale intervals count as an empty platter (crumbs, a receipt). */
    static final int EMPTY_BELOW_E = 5;

    /** Half-width of the weighing stage's stability band in e: a load that settles further from the pick is another load. */
    private final double bandE;

    private SessionState state = SessionState.IDLE;
    private WeightReading reading;
    private boolean priceBook;
    private long loadId;
    private long loadSinceNanos;
    private long removedAtNanos;
    private boolean recognitionRequested;
    private Candidates candidates;
    private Pick pick;
    private int count;
    private PricedItem priced;
    private WeightReading pricedReading;
    /** The pick and total shown when a new price book came: its price again may differ from what the shopper saw. */
    private Shown shownBeforeBook;
    /** A price the new book changed under the shopper's eyes: the first press is refused, so that it is seen. */
    private PricedItem repricedUnseen;
    private Sold sold;
    private String notice;
    private String printerProblem;
    private String cameraProblem;
    /**
     * The load settled at {@link #loadGrossMg} (looked at, and picked on): the sale belongs to it and to no
     * other. Gross, not net: the PLU's preset tare taken with the pick changes the net, not the load.
     */
    private boolean loadSettled;
    private long loadGrossMg;
    /** The printer can print (as far as its status says): without it no sale starts. */
    private boolean printerReady = true;
    /** The printer's fault while it cannot print, or null. */
    private PrinterFault printerFault;
    /** A recorded sale whose label never printed and whose item was taken off: the app voids it. */
    private Sold unlabelled;
    /** A recorded sale whose label never printed, for the load on the platter is not the one sold any more: the app voids it. */
    private Sold loadChangedUnlabelled;
    /** While PAYING: what the card terminal is doing, as a kiosk message key (pay.*). */
    private String paymentStatus;
    /**
     * While PAYING: the load paid for left the platter (taken off, or settled at another weight). The payment is for that
     * load only: it is aborted at the terminal, and an approval that comes anyway is reversed, never a PAID label.
     */
    private boolean loadLeftWhilePaying;
    /** The terminal was asked to abort the payment the load left (once per payment). */
    private boolean payAbortAsked;
    /** The scale is out of service (calibration): no weight, no sale ({@link #outOfService(boolean)}). */
    private boolean outOfService;

    /**
     * @param priceBookAvailable whether a valid price book is in force
     * @param stabilityBandE     the weighing stage's stability band (half-width, in e): a load that settles
     *                           further than this from the weight the pick was made on is a new load
     */
    public Session(boolean priceBookAvailable, double stabilityBandE) {
        if (!(stabilityBandE > 0)) throw new IllegalArgumentException("stability band must be > 0 e");
        this.bandE = stabilityBandE;
        this.priceBook = priceBookAvailable;
        if (!priceBookAvailable) state = SessionState.NO_PRICE_BOOK;
    }

    // ---- events -------------------------------------------------------------------------------------------

    /** Whether the scale has a valid price book in force (it may arrive, or be replaced, at any time). */
    public void priceBook(boolean available) {
        priceBook = available;
        if (outOfService) return; // looked at when the scale is back in service
        if (!available && !locked()) {
            dropSale();
            state = SessionState.NO_PRICE_BOOK;
        } else if (available && state == SessionState.NO_PRICE_BOOK) {
            state = printerReady ? SessionState.IDLE : SessionState.PRINTER_UNAVAILABLE;
            if (reading != null) weight(reading);
        } else if (available && (state == SessionState.PRICED)) {
            // a new book may change the price: price again before printing
            shownBeforeBook = new Shown(pick, priced.totalMinor());
            priced = null;
            pricedReading = null;
            state = SessionState.PICKED;
        }
    }

    /** A new indication of the weighing stage. */
    public void weight(WeightReading r) {
        // out of service the weight is not legal for trade: neither shown nor weighed for sale (a last reading of the
        // weighing stopped for a calibration, or one of the next before the scale is back in service, is dropped)
        if (outOfService) return;
        reading = r;
        long now = r.timestampNanos();
        // the terminal runs the payment for the load that was priced: what happens on the platter meanwhile is
        // looked at once the terminal has answered (payEnded), or after the PAID label (take-off ends the sale). A load
        // that settles elsewhere (or is taken off) is not the one paid for: the payment ends with it (a touch that settles
        // back does not). The label must carry the weight on the platter (R76-1 4.4.2)
        if (state == SessionState.PAYING) {
            if (r.stable() && !atPricedLoad(r)) loadLeftWhilePaying = true;
            return;
        }
        if (saleRecorded()) {
            // the label is out (or stored): the sale is finished once the item is taken off
            if (empty(r) && r.status() != WeightStatus.OVERLOAD) {
                // an item taken off without its label: the sale never happened (no label, no sale)
                if (state == SessionState.PRINTER_ERROR) unlabelled = sold;
                state = SessionState.REMOVED;
                removedAtNanos = now;
                dropSale();
            }
            return;
        }
        if (!priceBook) {
            state = SessionState.NO_PRICE_BOOK;
            return;
        }
        if (!printerReady) {
            // no label, no sale: nothing is weighed for sale until the printer can print again
            dropSale();
            state = SessionState.PRINTER_UNAVAILABLE;
            return;
        }
        switch (r.status()) {
            case FAULT, NOT_ZEROED, UNDERLOAD -> {
                dropSale();
                state = SessionState.SCALE_ERROR;
                return;
            }
            case OVERLOAD -> {
                dropSale();
                state = SessionState.OVERLOAD;
                return;
            }
            default -> { }
        }
        if (empty(r)) {
            // a take-off ends the pick, whatever is sold: a sale belongs to the load it was picked on
            if (state == SessionState.REMOVED && now - removedAtNanos < REMOVED_FOR_NANOS) return;
            if (state != SessionState.IDLE) dropSale();
            state = SessionState.IDLE;
            return;
        }
        boolean newLoad = state == SessionState.IDLE || state == SessionState.REMOVED || state == SessionState.PRINTER_UNAVAILABLE
                || state == SessionState.SCALE_ERROR || state == SessionState.OVERLOAD;
        if (newLoad) startLoad(now);
        if (!r.stable()) {
            if (state == SessionState.PICKED || state == SessionState.PRICED || state == SessionState.STABLE
                    || state == SessionState.SUGGESTING || state == SessionState.BELOW_MIN || state == SessionState.CAMERA_ERROR) {
                state = SessionState.LOADING;
                loadSinceNanos = now;
            }
            if (state == SessionState.LOADING && now - loadSinceNanos >= UNSTABLE_AFTER_NANOS) state = SessionState.UNSTABLE;
            return;
        }
        // stable
        if (loadSettled && movedFromLoad(r)) {
            // another load than the one looked at and picked (items added, swapped or taken away): the pick
            // ends and the scale looks again; nothing of the last load carries over to what lies there now
            startLoad(now);
        }
        if (r.status() == WeightStatus.BELOW_MIN && (pick == null || pick.plu().saleType() == SaleType.PER_KG)) {
            // a price by weight needs at least Min on the platter (R76-1 T.3.1.1); a count or a fixed price does not
            // weigh for the price, so a single passion fruit or lime (35 g) can be sold per piece: only an empty
            // platter is refused, and the count is still judged against the load (CountPlausibility)
            if (pick != null) startLoad(now);
            priced = null;
            state = SessionState.BELOW_MIN;
            return;
        }
        if (state == SessionState.PRICED && (r.netMg() != pricedReading.netMg() || r.tareMg() != pricedReading.tareMg())) {
            // settled within the band at another weight than the one priced (creep): the price follows the weight
            priced = null;
            pricedReading = null;
            state = SessionState.PICKED;
        }
        if (state == SessionState.LOADING || state == SessionState.UNSTABLE || state == SessionState.BELOW_MIN) {
            if (pick != null) {
                // the same load settled again: price it again at the settled weight
                priced = null;
                pricedReading = null;
                state = SessionState.PICKED;
            } else if (candidates != null) {
                state = cameraProblem != null ? SessionState.CAMERA_ERROR : SessionState.SUGGESTING;
            } else {
                state = SessionState.STABLE;
            }
            if (!loadSettled) {
                loadSettled = true;
                loadGrossMg = r.grossMg();
            }
        }
    }

    /** A new load on the platter: nothing of the last one (pick, candidates, price) carries over. */
    private void startLoad(long now) {
        dropSale();
        loadId++;
        loadSinceNanos = now;
        state = SessionState.LOADING;
    }

    /**
     * The settled load is further than the stability band from the one that was looked at (and picked on), and more
     * than one scale interval: the shown gross is rounded to e, so a true change of a tenth of e can show as a whole e
     * (R76-1 3.5.2 allows 0.5 e of creep, and a zero that drifts by 1 e per 5 °C, 3.9.2.4, during one sale). A band
     * under 1 e would end a shopper's pick on that flicker. Within it the price follows the settled weight; the
     * reference stays the first settled load, so small additions one e at a time still end the pick.
     */
    private boolean movedFromLoad(WeightReading r) {
        return Math.abs(r.grossMg() - loadGrossMg) > Math.max(1.0, bandE) * Math.max(1, r.intervalMg());
    }

    /**
     * The printer can print again ({@code fault} null) or cannot ({@code fault} says why). While it cannot,
     * no sale starts (the idle screen says so); a sale already recorded keeps its label to print.
     */
    public void printer(PrinterFault fault) {
        boolean ready = fault == null;
        printerFault = fault;
        if (ready == printerReady) return;
        printerReady = ready;
        if (locked() || outOfService) return;
        if (!ready) {
            dropSale();
            if (priceBook) state = SessionState.PRINTER_UNAVAILABLE;
        } else if (state == SessionState.PRINTER_UNAVAILABLE) {
            state = SessionState.IDLE;
            if (reading != null) weight(reading);
        }
    }

    /** The printer's fault while it cannot print, or null when it can. */
    public PrinterFault printerFault() {
        return printerFault;
    }

    /** The sale whose item was taken off without its label (once; null when none): the app voids it. */
    public Sold takeUnlabelled() {
        Sold s = unlabelled;
        unlabelled = null;
        return s;
    }

    /** Recognition finished for load {@code forLoad}. */
    public void candidates(long forLoad, Candidates c) {
        if (forLoad != loadId || candidates != null || locked()) return;
        candidates = c;
        cameraProblem = null;
        if (pick != null) return; // the shopper was faster than the camera
        Optional<Plu> auto = c.autoPick();
        if (auto.isPresent()) {
            pick = new Pick(auto.get(), 0, true);
            count = 0;
            if (state == SessionState.STABLE) state = SessionState.PICKED;
            return;
        }
        notice = c.outcome() == Candidates.Outcome.RECOGNISED ? null : "not_recognised";
        if (state == SessionState.STABLE) state = SessionState.SUGGESTING;
    }

    /** The camera or the recogniser failed for load {@code forLoad}: the shopper chooses from the list. */
    public void cameraFailed(long forLoad, String problem) {
        if (forLoad != loadId || locked()) return;
        cameraProblem = problem;
        candidates = new Candidates(Candidates.Outcome.NOTHING, problem, java.util.List.of(), Optional.empty(), null, null);
        if (state == SessionState.STABLE) state = SessionState.CAMERA_ERROR;
    }

    /**
     * The shopper tapped a tile (rank 1..k) or chose from the search (rank 0). Every sale needs its load on
     * the platter, settled: per kg at least Min, a per-piece or fixed-price item anything but an empty platter.
     */
    public Answer pick(Plu plu, int rank) {
        if (outOfService) return Answer.refused("out_of_service");
        if (state == SessionState.PAYING) return Answer.refused("paying");
        if (saleRecorded()) return Answer.refused("take_off_first");
        if (!priceBook) return Answer.refused("no_price_book");
        if (!printerReady) return Answer.refused("printer_unavailable");
        if (!plu.active()) return Answer.refused("not_on_sale");
        boolean settled = reading != null && reading.stable() && (state == SessionState.STABLE
                || state == SessionState.SUGGESTING || state == SessionState.CAMERA_ERROR || state == SessionState.PICKED
                || state == SessionState.PRICED || state == SessionState.BELOW_MIN);
        if (state == SessionState.IDLE || state == SessionState.REMOVED || reading == null || empty(reading)) {
            return Answer.refused("put_item_on");
        }
        if (state == SessionState.LOADING || state == SessionState.UNSTABLE || !settled) return Answer.refused("wait_stable");
        if (plu.saleType() == SaleType.PER_KG && !reading.priceable()) return Answer.refused("below_min");
        pick = new Pick(plu, rank, false);
        loadSettled = true;
        loadGrossMg = reading.grossMg();
        count = 0;
        priced = null;
        pricedReading = null;
        notice = null;
        state = SessionState.PICKED;
        return Answer.OK;
    }

    /** The shopper entered the number of pieces of a per-piece item. */
    public Answer count(int pieces) {
        if (outOfService) return Answer.refused("out_of_service");
        if (state == SessionState.PAYING) return Answer.refused("paying");
        if (pick == null || state != SessionState.PICKED && state != SessionState.PRICED) return Answer.refused("pick_first");
        if (!printerReady) return Answer.refused("printer_unavailable");
        if (pick.plu().saleType() != SaleType.PER_PIECE) return Answer.refused("no_count");
        if (pieces < 1 || pieces > 999) return Answer.refused("bad_count");
        count = pieces;
        priced = null;
        pricedReading = null;
        state = SessionState.PICKED;
        return Answer.OK;
    }

    /** The shopper pressed "back": the pick is undone, the candidates come back. */
    public Answer back() {
        if (state == SessionState.PAYING) return Answer.refused("paying");
        if (saleRecorded()) return Answer.refused("take_off_first");
        if (pick == null) return Answer.OK;
        pick = null;
        priced = null;
        pricedReading = null;
        count = 0;
        if (state == SessionState.PICKED || state == SessionState.PRICED) {
            state = reading != null && reading.priceable() ? SessionState.SUGGESTING : SessionState.IDLE;
        }
        return Answer.OK;
    }

    /** Pricing of the pick succeeded, with the reading it used. */
    public void priced(long forLoad, PricedItem item, WeightReading usedReading) {
        if (forLoad != loadId || state != SessionState.PICKED) return;
        priced = item;
        pricedReading = usedReading;
        notice = null;
        state = SessionState.PRICED;
        if (shownBeforeBook != null && shownBeforeBook.pick() == pick && shownBeforeBook.totalMinor() != item.totalMinor()) {
            // a book published while the price was on the screen changed it: a label must carry the price the shopper
            // was shown (a press a moment after the update charged one never seen), so the change is shown, and the
            // first press after it refused with it
            repricedUnseen = item;
            notice = "price_changed";
        }
        shownBeforeBook = null;
    }

    /** A pick and the total the screen showed for it. */
    private record Shown(Pick pick, long totalMinor) {}

    /** What the screen showed priced when Print or Pay was pressed: the item, its count, weight and total. */
    public record OnScreen(String pluCode, int count, long netMg, long tareMg, long totalMinor) {
        static OnScreen of(PricedItem i) {
            return i == null ? null : new OnScreen(i.pluCode(), i.count(), i.netMg(), i.tareMg(), i.totalMinor());
        }
    }

    /** What is priced on the screen now (null: nothing): a press takes it before it waits for its reading. */
    public OnScreen onScreen() {
        return OnScreen.of(priced);
    }

    /** The scale refused to price the pick (message key and the pricing stage's explanation). */
    public void priceRefused(long forLoad, String key, String detail) {
        if (forLoad != loadId || state != SessionState.PICKED) return;
        pick = null;
        priced = null;
        notice = key + (detail == null ? "" : ":" + detail);
        state = reading != null && reading.priceable() ? SessionState.SUGGESTING : SessionState.IDLE;
    }

    /**
     * The shopper pressed print. Accepted only for a priced item whose weight has not changed since it was
     * priced (a label must carry the weight that was on the platter, R76-1 4.4.2): the last reading the session
     * handled and {@code afterRequest}, a reading made of conversions begun after the press (null: none came), must
     * both be stable at the priced net and tare. The last reading alone lags the platter: a load changed just before
     * the press printed the weight before the change.
     */
    public Answer print(WeightReading afterRequest) {
        return print(afterRequest, onScreen());
    }

    /**
     * Print as above, for a press that saw {@code atPress} priced: the press waits for its reading, and a count or pick
     * made meanwhile (probe: Print, then 7 entered 3 ms later, charged 7 pieces never shown at the press) is not what
     * it was pressed for: refused as a price the shopper has not seen ("price_changed"); the next press prints what
     * the screen then shows.
     */
    public Answer print(WeightReading afterRequest, OnScreen atPress) {
        if (outOfService) return Answer.refused("out_of_service");
        if (!printerReady && !saleRecorded()) return Answer.refused("printer_unavailable");
        // the priced load began to move after the press (the session saw it first): wait, and it is priced again
        if ((state == SessionState.LOADING || state == SessionState.UNSTABLE) && priced != null) return Answer.refused("wait_stable");
        if (state != SessionState.PRICED || priced == null) return Answer.refused("nothing_to_print");
        if (!(atPricedLoad(reading) && atPricedLoad(afterRequest))) return Answer.refused("wait_stable");
        if (repricedUnseen == priced || !java.util.Objects.equals(onScreen(), atPress)) {
            repricedUnseen = null;
            return Answer.refused("price_changed");
        }
        return Answer.OK;
    }

    /**
     * The priced item as priced again at the press ({@code inForce}: same pick, load and count, the price in force now).
     * A scheduled price or a promotion that started or ended since it was priced changed its total: the screen shows the
     * new one (notice price_changed) and this press is refused, as after a new price book; the next press prints it.
     */
    public Answer priceInForce(PricedItem inForce) {
        if (state != SessionState.PRICED || priced == null || inForce.totalMinor() == priced.totalMinor()) return Answer.OK;
        priced = inForce;
        notice = "price_changed";
        return Answer.refused("price_changed");
    }

    /**
     * Whether {@code r} still shows the load that was priced: by weight, priceable at the priced net and tare; per piece
     * or at a fixed price, stable at the load the count was judged on (more put on after pricing is not in the sale).
     */
    private boolean atPricedLoad(WeightReading r) {
        if (pricedReading == null) return true;
        // net and tare are rounded to the scale interval: equal here is within e of each other
        boolean same = r != null && r.stable() && r.netMg() == pricedReading.netMg() && r.tareMg() == pricedReading.tareMg();
        return priced.saleType() == SaleType.PER_KG ? same && r.priceable() : same;
    }

    /**
     * The shopper chose "Pay here by card": accepted as print is (a priced item whose weight has not changed); the
     * session waits for the terminal ({@link #payEnded} or {@link #recordedPaid}).
     */
    public Answer payStarted(WeightReading afterRequest) {
        return payStarted(afterRequest, onScreen());
    }

    /** Pay as above, for a press that saw {@code atPress} priced (see {@link #print(WeightReading, OnScreen)}). */
    public Answer payStarted(WeightReading afterRequest, OnScreen atPress) {
        if (state == SessionState.PAYING) return Answer.refused("paying");
        Answer ok = print(afterRequest, atPress);
        if (!ok.accepted()) return ok;
        state = SessionState.PAYING;
        paymentStatus = "connecting";
        notice = null;
        loadLeftWhilePaying = false;
        payAbortAsked = false;
        return Answer.OK;
    }

    /** While PAYING: the load paid for left the platter (the payment is aborted, or an approval reversed). */
    public boolean loadLeftWhilePaying() {
        return state == SessionState.PAYING && loadLeftWhilePaying;
    }

    /**
     * The terminal approved: whether the PAID label may print, which needs the load paid for on the platter now, as
     * print does: it never left during the payment, and the last reading and {@code afterApproval}, one made of
     * conversions begun after the approval (null: none came), are stable at the priced load. If not, the app reverses
     * the approved payment ({@link #payEnded}): no PAID label for a load that is not on the platter.
     */
    public boolean paidLoadOn(WeightReading afterApproval) {
        return state == SessionState.PAYING && !loadLeftWhilePaying && atPricedLoad(reading) && atPricedLoad(afterApproval);
    }

    /**
     * An approved payment the scale reversed (no PAID label) was not reversed at the terminal (it refused, or did not
     * answer): the shopper is told to ask staff, who find it in the service menu (Card payments) to refund it.
     */
    public void payNotReversed(String reference) {
        if (locked()) return; // a next sale is running: the service menu shows it
        notice = "pay_not_reversed" + (reference == null ? "" : ":" + reference);
    }

    /** What the card terminal is doing now (a kiosk message key), while PAYING. */
    public void paymentStatus(String key) {
        if (state == SessionState.PAYING) paymentStatus = key;
    }

    /**
     * The payment ended without a PAID label (declined, aborted, timeout, link lost): the priced item is offered
     * again (pay again, or a label for the checkout), with {@code messageKey} said; what happened on the platter
     * meanwhile is looked at now.
     */
    public void payEnded(String messageKey, String detail) {
        if (state != SessionState.PAYING) return;
        state = SessionState.PRICED;
        paymentStatus = null;
        if (reading != null) weight(reading);
        notice = "pay_" + messageKey + (detail == null ? "" : ":" + detail);
    }

    /** While PAYING: the terminal's status key; else null. */
    public String paymentStatus() {
        return state == SessionState.PAYING ? paymentStatus : null;
    }

    /** The paid sale was recorded and its PAID label sent, with this outcome. */
    public void recordedPaid(String saleId, PrintOutcome outcome, String reference, java.util.List<String> receipt) {
        recorded(saleId, outcome);
        sold = new Sold(saleId, priced, outcome.jobId(), reference, receipt);
        paymentStatus = null;
    }

    /** The sale was recorded (held until its label prints) and its label sent, with this outcome. */
    public void recorded(String saleId, PrintOutcome outcome) {
        if (priced == null) throw new IllegalStateException("no priced item to record");
        sold = new Sold(saleId, priced, outcome.jobId());
        printerProblem = outcome.printed() ? null : outcome.fault() + (outcome.message() == null ? "" : ": " + outcome.message());
        state = outcome.printed() ? SessionState.PRINTED : SessionState.PRINTER_ERROR;
    }

    /**
     * The label of the sale waiting on the printer could be sent again (labels are in, or Try again): a label must carry
     * the load on the platter (R76-1 4.4.2), so, as for print, the last reading and {@code afterRequest} (one made of
     * conversions begun after the printer came back or the press; null: none came) must be stable at the load sold.
     * While either moves: "wait_stable". Stable at another load (more put on, or swapped, while the labels were out): the
     * sale is void (no label, no sale; a PAID one's payment is reversed by the app), handed once to the app ({@link
     * #takeLoadChangedUnlabelled}), and the load on the platter is weighed afresh.
     */
    public Answer labelAgain(WeightReading afterRequest) {
        if (state != SessionState.PRINTER_ERROR || sold == null) return Answer.refused("nothing_to_print");
        if (atPricedLoad(reading) && atPricedLoad(afterRequest)) return Answer.OK;
        if (reading == null || afterRequest == null || !reading.stable() || !afterRequest.stable()) return Answer.refused("wait_stable");
        Sold gone = sold;
        String key = gone.paymentReference() == null ? "label_void_load_changed" : "label_void_load_changed_paid";
        startLoad(reading.timestampNanos());
        printerProblem = null; // kept by dropSale while PRINTER_ERROR; the printer can print
        weight(reading);
        loadChangedUnlabelled = gone;
        notice = key;
        return Answer.refused(key);
    }

    /** The sale {@link #labelAgain} found on another load than the one sold (once; null when none): the app voids it. */
    public Sold takeLoadChangedUnlabelled() {
        Sold s = loadChangedUnlabelled;
        loadChangedUnlabelled = null;
        return s;
    }

    /** The stored label was sent again (after the printer was fixed). */
    public void reprinted(PrintOutcome outcome) {
        if (sold == null) return;
        printerProblem = outcome.printed() ? null : outcome.fault() + (outcome.message() == null ? "" : ": " + outcome.message());
        state = outcome.printed() ? SessionState.PRINTED : SessionState.PRINTER_ERROR;
    }

    /** Recording the sale failed (outbox full, database error): nothing was printed, the shopper may try again. */
    public void recordFailed(String key, String detail) {
        notice = key + (detail == null ? "" : ":" + detail);
    }

    /**
     * The scale goes out of service ({@code true}: the technician calibrates it) or comes back ({@code false}). Out of
     * service its weight is not legal for trade: the kiosk shows none (the reading is forgotten) and nothing is sold. A
     * sale on the screen (an item being weighed, looked at, picked or priced: nothing recorded, nothing charged) ends,
     * and the shopper is told so (notice {@code sale_void_service}); recognition or pricing still running for it is
     * dropped. Not while a card payment runs or a recorded sale's item is on the platter (the app refuses to go out of
     * service then: IllegalStateException). Back in service, the next reading starts afresh.
     *
     * @return whether a sale on the screen ended
     */
    public boolean outOfService(boolean out) {
        if (out == outOfService) return false;
        if (out && locked()) throw new IllegalStateException("a sale is being paid or its label is out");
        boolean ended = out && switch (state) {
            case LOADING, STABLE, SUGGESTING, PICKED, PRICED, UNSTABLE, BELOW_MIN, CAMERA_ERROR -> true;
            default -> false;
        };
        outOfService = out;
        dropSale();
        loadId++;
        reading = null;
        if (out) {
            notice = ended ? "sale_void_service" : null;
            state = SessionState.OUT_OF_SERVICE;
        } else {
            state = !priceBook ? SessionState.NO_PRICE_BOOK : printerReady ? SessionState.IDLE : SessionState.PRINTER_UNAVAILABLE;
        }
        return ended;
    }

    /** Whether the scale is out of service ({@link #outOfService(boolean)}). */
    public boolean outOfService() {
        return outOfService;
    }

    /** Time passes without readings (the REMOVED screen times out on the next reading). */
    public void tick(long nowNanos) {
        if (state == SessionState.REMOVED && nowNanos - removedAtNanos >= REMOVED_FOR_NANOS) state = SessionState.IDLE;
    }

    // ---- what the app must do -----------------------------------------------------------------------------

    /** The slow work now due; {@link #workStarted(Work)} marks a recognition as started. */
    public Work work() {
        if (state == SessionState.PAYING && loadLeftWhilePaying && !payAbortAsked) return Work.ABORT_PAYMENT;
        if (state == SessionState.STABLE && !recognitionRequested) return Work.RECOGNISE;
        if (state == SessionState.PICKED && priced == null && readyToPrice()) return Work.PRICE;
        return Work.NONE;
    }

    public void workStarted(Work w) {
        if (w == Work.RECOGNISE) recognitionRequested = true;
        if (w == Work.ABORT_PAYMENT) payAbortAsked = true;
    }

    private boolean readyToPrice() {
        return switch (pick.plu().saleType()) {
            case PER_KG -> reading != null && reading.priceable();
            case PER_PIECE -> count > 0;
            case FIXED -> true;
        };
    }

    // ---- view ---------------------------------------------------------------------------------------------

    public SessionState state() {
        return state;
    }

    public long loadId() {
        return loadId;
    }

    public WeightReading reading() {
        return reading;
    }

    public Candidates candidates() {
        return candidates;
    }

    public Pick pick() {
        return pick;
    }

    public int count() {
        return count;
    }

    public PricedItem priced() {
        return priced;
    }

    public WeightReading pricedReading() {
        return pricedReading;
    }

    public Sold sold() {
        return sold;
    }

    /** A message key (with ":detail") for the shopper that is not a state of its own, or null. */
    public String notice() {
        return notice;
    }

    public String printerProblem() {
        return printerProblem;
    }

    public String cameraProblem() {
        return cameraProblem;
    }

    /** Paying, or a sale recorded: nothing may change the sale. */
    public boolean locked() {
        return state == SessionState.PAYING || saleRecorded();
    }

    /** A sale is recorded and its item not yet taken off: nothing may change it any more. */
    public boolean saleRecorded() {
        return state == SessionState.PRINTED || state == SessionState.PRINTER_ERROR;
    }

    private boolean empty(WeightReading r) {
        return r.netMg() < EMPTY_BELOW_E * Math.max(1, r.intervalMg()) && r.status() != WeightStatus.OVERLOAD;
    }

    private void dropSale() {
        loadSettled = false;
        candidates = null;
        recognitionRequested = false;
        pick = null;
        count = 0;
        priced = null;
        pricedReading = null;
        sold = null;
        notice = null;
        cameraProblem = null;
        if (state != SessionState.PRINTER_ERROR) printerProblem = null;
    }
}
