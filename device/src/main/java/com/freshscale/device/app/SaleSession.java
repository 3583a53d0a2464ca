package com.freshscale.device.app;

import com.freshscale.device.label.Label;
import com.freshscale.device.label.LabelComposer;
import com.freshscale.device.label.LabelContext;
import com.freshscale.device.label.LabelFormat;
import com.freshscale.device.label.LabelJob;
import com.freshscale.device.label.LabelSpooler;
import com.freshscale.device.label.PrintOutcome;
import com.freshscale.device.label.printer.PrinterConfig;
import com.freshscale.device.label.printer.PrinterFault;
import com.freshscale.device.pricing.LoadValue;
import com.freshscale.device.pricing.PriceCalculator;
import com.freshscale.device.pricing.PricedItem;
import com.freshscale.device.pricing.PricingConfig;
import com.freshscale.device.pricing.PricingRefusedException;
import com.freshscale.protocol.barcode.BarcodeFieldException;
import com.freshscale.device.payment.CardPayments;
import com.freshscale.device.payment.FaultPoint;
import com.freshscale.device.payment.Payment;
import com.freshscale.device.payment.PaymentConfig;
import com.freshscale.device.payment.PaymentState;
import java.time.Instant;
import java.util.List;
import com.freshscale.device.store.StoreException;
import com.freshscale.device.sync.OutboxFullException;
import com.freshscale.device.sync.ScaleSync;
import com.freshscale.device.sync.SyncConfig;
import com.freshscale.device.ui.KioskConfig;
import com.freshscale.device.ui.KioskView;
import com.freshscale.device.ui.Session;
import com.freshscale.device.ui.SessionState;
import com.freshscale.device.vision.Camera;
import com.freshscale.device.vision.Candidates;
import com.freshscale.device.vision.MismatchRule;
import com.freshscale.device.vision.VisionStage;
import com.freshscale.device.weighing.WeighingService;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.protocol.pricebook.CountPlausibility;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shopper's sale around one {@link Session}: weight readings, recognition results, taps, pricing,
 * recording the sale and printing its label. Every session event runs on one thread ({@code session}), so
 * the state machine needs no locks and events are handled in the order they happened; recognition runs on
 * the model's thread and hands its result back as an event. Works fully offline: sales queue in the
 * outbox, prices come from the last valid price book.
 */
final class SaleSession {
    private static final Logger log = LoggerFactory.getLogger(SaleSession.class);
    /** Weight-only changes reach the screen at most this often (a display refreshes ~10 times a second). */
    private static final long VIEW_INTERVAL_NANOS = 100_000_000L;
    /** The longest print waits for a reading after the press: many sample periods even at 10 SPS (then it refuses). */
    private static final long FRESH_READING_TIMEOUT_NANOS = 2_000_000_000L;

    /** What the sale needs from the rest of the scale. */
    record Parts(ScaleSync sync, SyncConfig syncConfig, PricingConfig pricing, PrinterConfig printerConfig, LabelSpooler spooler,
            PrinterWatch printerWatch, CalibrationStore calibrations, KioskConfig kiosk, Camera camera,
            RecognitionModel recognition, KioskViewModel views, double stabilityBandE, long tareMaxMg,
            Supplier<WeighingService> weighing, LabelledSales labelled, CardPayments payments, PaymentConfig paymentConfig,
            java.time.Clock clock) {
    }

    private final Parts parts;
    private final ScaleSync sync;
    private final PriceCalculator calculator;
    private final LoadValue loadValue;
    private final PickPricing pricing;
    private final RecognitionModel recognition;
    private final LabelResend resend;
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> ScaleApp.daemon(r, "session"));
    /** The card terminal's conversations run here: a payment takes seconds to minutes, the session never waits for it. */
    private final ExecutorService cardTerminal = Executors.newSingleThreadExecutor(r -> ScaleApp.daemon(r, "card-payment"));
    private final CopyOnWriteArrayList<Consumer<KioskView>> viewListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<WeightReading> latest = new AtomicReference<>();
    /** Readings the weighing has handed over so far; print waits on it (notified with each) for one after its press. */
    private final java.util.concurrent.atomic.AtomicLong readings = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicBoolean weightQueued = new AtomicBoolean();
    private final Session session;
    // session-thread state
    private long lastViewNanos;
    private SessionState lastViewState;
    private long lastViewLoad = -1;
    private String lastViewNotice;
    private long emptyLearnedForLoad = -1;
    private String screenLabelSale;
    private Label screenLabel;
    /** The sale on screen whose label has not printed yet, kept to void it if its item is taken off. */
    private Sale waitingSale;
    /**
     * The printer is back for the sale waiting on it: its label is due once the reading count reaches this (a reading
     * made after the printer came back), or -1.
     */
    private long labelDueAtReading = -1;

    SaleSession(Parts parts) {
        this.parts = parts;
        this.sync = parts.sync();
        this.calculator = new PriceCalculator(parts.pricing());
        this.loadValue = new LoadValue(calculator);
        this.pricing = new PickPricing(calculator, parts.clock());
        this.recognition = parts.recognition();
        this.resend = new LabelResend(parts.spooler(), () -> new LabelComposer(parts.printerConfig().stock()).copyMark(parts.pricing().language()),
                parts.printerConfig().stock(), saleId -> sync.outbox().labelState(saleId).filter("VOIDED"::equals).isPresent(),
                this::paidAtTheScale);
        this.session = new Session(sync.currentPriceBook().isPresent(), parts.stabilityBandE());
    }

    // ---- events from the stages ---------------------------------------------------------------------------

    /** A new price book is in force. */
    void priceBookApplied() {
        events.execute(() -> {
            session.priceBook(true);
            drive();
            publish(true);
        });
    }

    /** The model was (re)loaded or failed to load. */
    void modelChanged(boolean newStage) {
        // the model loads on its own thread for a minute or more: the scale may have been stopped meanwhile, and then
        // there is no session to tell (the executor would refuse the task with an exception on the model's thread)
        if (events.isShutdown()) return;
        try {
            // a new stage has not seen the empty platter yet: take its reference at the next stable zero
            if (newStage) events.execute(() -> emptyLearnedForLoad = -1);
            events.execute(() -> publish(true));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stopped between the check and the task
        }
    }

    /** The printer became ready ({@code fault} null) or cannot print. */
    void printerChanged(PrinterFault fault) {
        events.execute(() -> {
            session.printer(fault);
            if (fault == null && session.state() == SessionState.PRINTER_ERROR) {
                // labels are in again and the shopper is still there: their label prints without a tap, once a reading
                // made from now on shows the load it was sold for (printLabelWhenDue); never the old weight on a new load
                labelDueAtReading = readings.get() + readingsUntilFresh().orElse(0);
            }
            drive();
            publish(true);
        });
    }

    /**
     * At start: sales recorded before the scale stopped whose labels never printed are voided, for their
     * shoppers have gone (no label, no sale). Runs before the first reading is handled.
     */
    void voidUnlabelledSales() {
        events.execute(() -> {
            parts.labelled().recoverAtStart(this::voidSale);
            // then the card payments a kill or a lost link left open: completed, or reversed
            settlePayments();
        });
    }

    private void voidSale(Sale sale, String reason) {
        try {
            // with the time of the void (Sale.voidedAt), kept with the sale: a re-send after a restart carries the same
            if (sync.voidSale(sale.voided(reason, parts.clock().instant()), reason)) {
                log.warn("sale {} #{} voided: {}", sale.saleId(), sale.saleNumber(), reason);
            }
        } catch (RuntimeException e) {
            // it stays waiting on the scale and is voided at the next start: never counted, never lost
            log.error("sale {} not voided yet: {}", sale.saleId(), e.getMessage());
        }
        // a sale paid by card whose PAID label never printed: the shopper gets the money back
        if (sale.paymentReference() != null) settlePayments();
    }

    /** Settles open card payments with the terminal, in the background (reverses any whose PAID label never printed). */
    void settlePayments() {
        CardPayments p = parts.payments();
        if (p == null) return;
        cardTerminal.execute(() -> {
            try {
                p.settleOpen();
            } catch (RuntimeException e) {
                log.error("card payments not settled: {}", e.getMessage());
            }
        });
    }



    /** An item taken off without its label: its sale is voided with the printer's problem as the reason. */
    private void voidIfTakenOffUnlabelled() {
        Session.Sold gone = session.takeUnlabelled();
        if (gone == null) return;
        Sale sale = waitingSaleOf(gone);
        waitingSale = null;
        if (sale == null) return; // its label printed after all (from the service menu)
        PrinterFault f = parts.printerWatch().fault();
        voidSale(sale, "label not printed" + (f == null ? "" : " (" + f + ")") + "; the item was taken off");
    }

    /** The recorded sale {@code sold} while its label has not printed; null once it has. */
    private Sale waitingSaleOf(Session.Sold sold) {
        return waitingSale != null && waitingSale.saleId().equals(sold.saleId()) ? waitingSale
                : sync.outbox().waiting().stream().filter(w -> w.saleId().equals(sold.saleId())).findFirst().orElse(null);
    }

    /**
     * The label of the sale waiting on the printer, once the printer is back and a reading made since then is at rest:
     * printed on the load sold, else its sale is void ({@link #labelAtSoldLoad}). A moving load is waited for.
     */
    private void printLabelWhenDue(WeightReading r) {
        if (labelDueAtReading < 0) return;
        if (session.state() != SessionState.PRINTER_ERROR || session.printerFault() != null) {
            labelDueAtReading = -1; // taken off (and voided), or the printer failed again: due again when it is back
            return;
        }
        if (readings.get() < labelDueAtReading || !r.stable()) return;
        labelDueAtReading = -1;
        labelAtSoldLoad(r);
    }

    /**
     * Sends the waiting label again if the load sold is on the platter ({@link Session#labelAgain}, with {@code fresh} a
     * reading made after the printer came back or the press); on another load the sale is voided, and a PAID one's
     * payment reversed as for a PAID label taken off unprinted (voidSale): the shopper weighs again and may pay again.
     */
    private Session.Answer labelAtSoldLoad(WeightReading fresh) {
        Session.Answer ok = session.labelAgain(fresh);
        if (ok.accepted()) {
            PrintOutcome o = retry();
            return o.printed() ? new Session.Answer(true, null, null) : new Session.Answer(false, "printer_error", o.message());
        }
        Session.Sold gone = session.takeLoadChangedUnlabelled();
        if (gone == null) return ok;
        Sale sale = waitingSaleOf(gone);
        waitingSale = null;
        if (sale == null) return ok; // its label printed after all (from the service menu)
        voidSale(sale, "label not printed: the load on the platter changed before it could print");
        if (gone.paymentReference() != null) reverseUnlabelled(gone.saleId());
        return ok;
    }

    /** How many readings until one is made only of conversions begun after now (empty without a weighing stage). */
    private OptionalInt readingsUntilFresh() {
        WeighingService w = parts.weighing().get();
        return w == null ? OptionalInt.empty() : OptionalInt.of(w.pipeline().readingsUntilFresh());
    }

    void attachWeighing(WeighingService w) {
        w.addListener(r -> {
            if (events.isShutdown()) return;
            latest.set(r);
            synchronized (readings) {
                readings.incrementAndGet();
                readings.notifyAll();
            }
            // readings arrive at 80 SPS: queue one processing task at a time, it takes the newest reading
            if (weightQueued.compareAndSet(false, true)) events.execute(this::onWeight);
        });
    }

    private void onWeight() {
        weightQueued.set(false);
        WeightReading r = latest.get();
        if (r == null) return;
        session.weight(r);
        session.tick(r.timestampNanos());
        voidIfTakenOffUnlabelled();
        printLabelWhenDue(r);
        learnEmptyPlatter(r);
        drive();
        publish(false);
    }

    /** On a stable empty platter the camera takes a reference picture, once per load. */
    private void learnEmptyPlatter(WeightReading r) {
        VisionStage v = recognition.stage();
        if (v == null || session.state() != SessionState.IDLE || !r.stable() || !r.centerOfZero()) return;
        if (emptyLearnedForLoad == session.loadId()) return;
        emptyLearnedForLoad = session.loadId();
        recognition.execute(() -> {
            try {
                // the stage in use when the task runs (a reload queued before it may have replaced v): a reload
                // runs on this same thread, so this one stays open while the task runs
                VisionStage now = recognition.stage();
                if (now != null) {
                    Mat frame = parts.camera().grab();
                    try {
                        now.onStableZero(frame);
                    } finally {
                        frame.release(); // the caller owns a grabbed frame (Camera); the stage keeps its own copy
                    }
                }
            } catch (RuntimeException e) {
                log.warn("camera: no picture of the empty platter: {}", e.getMessage());
            }
        });
    }

    /** Does the work the session asks for until it asks for none. */
    private void drive() {
        for (int guard = 0; guard < 4; guard++) {
            Session.Work w = session.work();
            if (w == Session.Work.NONE) break;
            session.workStarted(w);
            if (w == Session.Work.RECOGNISE) recognise();
            else if (w == Session.Work.ABORT_PAYMENT) abortForLoadChange();
            else price();
        }
        applyPresetTare();
    }

    /**
     * The picked PLU's preset tare (its bag or tray) is taken by the scale with the pick, and shown as NET, as
     * a self-service scale does (R76-1 4.6.3, WELMEC 2.2); nothing else sets a tare, and the weighing stage
     * clears it when the platter is empty again. Pricing takes the same preset tare off in any case.
     */
    private void applyPresetTare() {
        Session.Pick pick = session.pick();
        long want = pick != null && pick.plu().saleType() == SaleType.PER_KG && pick.plu().presetTareMg() <= parts.tareMaxMg()
                ? pick.plu().presetTareMg() : 0;
        WeighingService w = parts.weighing().get();
        long has = w.pipeline().tareMg();
        if (want == has) return;
        if (session.saleRecorded()) return; // the label carries the weight as it was: nothing changes until take-off
        if (want == 0) w.clearTare();
        else w.presetTare(want); // refused while the load moves: tried again with the next reading
    }

    private void recognise() {
        long load = session.loadId();
        WeightReading r = session.reading();
        VisionStage v = recognition.stage();
        Optional<PriceBook> book = sync.currentPriceBook();
        if (v == null || book.isEmpty()) {
            session.cameraFailed(load, recognition.problem() != null ? recognition.problem() : "no price book");
            return;
        }
        recognition.execute(() -> {
            Candidates c;
            try {
                Mat frame = parts.camera().grab();
                try {
                    // hand-over (issue 12): the stage in use now, not the one read when the load settled, which a
                    // reload queued in between has retired; reloads run on this thread, so it cannot close under this call
                    VisionStage now = recognition.stage();
                    c = now.recognise(frame, r, book.get().plus());
                } finally {
                    // a 720p frame is 2.7 MB of native memory that the Java heap does not count, so the garbage
                    // collector would free it late: the candidates hold their own crop, not the frame
                    frame.release();
                }
            } catch (RuntimeException e) {
                log.warn("recognition failed: {}", e.getMessage());
                events.execute(() -> {
                    session.cameraFailed(load, e.getMessage());
                    publish(true);
                });
                return;
            }
            events.execute(() -> {
                session.candidates(load, c);
                drive();
                publish(true);
            });
        });
    }

    private void price() {
        Optional<PriceBook> book = sync.currentPriceBook();
        Session.Pick pick = session.pick();
        long load = session.loadId();
        if (book.isEmpty()) {
            session.priceBook(false);
            return;
        }
        if (pick.plu().saleType() == SaleType.PER_KG && pick.plu().presetTareMg() > parts.tareMaxMg()) {
            session.priceRefused(load, "refused_TARE_LIMIT", "the preset tare of PLU " + pick.plu().code() + " ("
                    + pick.plu().presetTareMg() / 1000.0 + " g) is above the scale's tare limit of " + parts.tareMaxMg() / 1000.0 + " g");
            return;
        }
        try {
            PricedItem item = pricing.price(book.get(), pick.plu(), session.reading(), session.count());
            session.priced(load, item, session.reading());
        } catch (PricingRefusedException e) {
            session.priceRefused(load, "refused_" + e.reason().name(), e.getMessage());
        }
    }

    // ---- taps ---------------------------------------------------------------------------------------------

    /** Runs {@code task} on the session thread, does the work it caused, shows the result and returns the answer. */
    private <T> T onSession(Callable<T> task) {
        return await(() -> {
            T result = task.call();
            drive();
            publish(true);
            return result;
        }, "the scale is busy: try again");
    }

    /** Runs {@code task} on the session thread and waits for its answer (for reads). */
    private <T> T read(Callable<T> task) {
        return await(task, null);
    }

    private <T> T await(Callable<T> task, String busy) {
        try {
            return events.submit(task).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (busy == null) throw new IllegalStateException("the scale is busy: " + e.getMessage());
            if (c instanceof RuntimeException re) throw re;
            throw new IllegalStateException(c.getMessage(), c);
        } catch (TimeoutException e) {
            throw new IllegalStateException(busy == null ? "the scale is busy: " + e.getMessage() : busy);
        }
    }

    Session.Answer pick(String pluCode, int rank) {
        return onSession(() -> {
            Optional<PriceBook> book = sync.currentPriceBook();
            if (book.isEmpty()) return new Session.Answer(false, "no_price_book", null);
            Optional<Plu> plu = book.get().plu(pluCode);
            if (plu.isEmpty()) return new Session.Answer(false, "unknown_plu", pluCode);
            // the tile's rank feeds HQ's first-tile rate: taken from the scale's own candidates, not the page's word
            Candidates c = session.candidates();
            boolean onTile = rank > 0 && c != null && rank <= c.candidates().size()
                    && c.candidates().get(rank - 1).plu().code().equals(pluCode);
            return session.pick(plu.get(), onTile ? rank : 0);
        });
    }

    Session.Answer count(int pieces) {
        return onSession(() -> session.count(pieces));
    }

    Session.Answer back() {
        return onSession(session::back);
    }

    Session.Answer print() {
        // out of service no reading comes: refused at once, not after waiting for one
        if (read(session::outOfService)) return new Session.Answer(false, "out_of_service", null);
        // what the screen shows priced at the press: a count entered while the press waits for its reading is not in it
        Session.OnScreen atPress = read(session::onScreen);
        WeightReading afterPress = readingAfterPress();
        return onSession(() -> recordAndPrint(afterPress, atPress));
    }

    /**
     * The first reading made only of conversions begun after now ({@link
     * com.freshscale.device.weighing.pipeline.WeighingPipeline#readingsUntilFresh}), waited for on the caller's thread; null
     * when none came in time (load cell fault). The last reading the session holds is older than the press by up to the
     * pipeline's delay: a load changed just before the press (probe: 3 kg put on, then Print at once) would be sold at the
     * weight before the change. Waits a few sample periods: 50 ms at 80 SPS, 400 ms at 10 SPS.
     */
    private WeightReading readingAfterPress() {
        OptionalInt fresh = readingsUntilFresh();
        if (fresh.isEmpty()) return null;
        int needed = fresh.getAsInt();
        // a reading normally comes every sample period; a machine stalled for a second must not print an old weight either
        long deadline = System.nanoTime() + FRESH_READING_TIMEOUT_NANOS;
        synchronized (readings) {
            long until = readings.get() + needed;
            while (readings.get() < until) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                try {
                    TimeUnit.NANOSECONDS.timedWait(readings, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return latest.get();
        }
    }

    /**
     * The sale is recorded before the label is sent (no label without a sale) and goes to HQ only once its
     * label printed (no sale without a label). Only for a load still at the priced weight after the press.
     */
    private Session.Answer recordAndPrint(WeightReading afterPress, Session.OnScreen atPress) {
        Session.Answer ok = session.print(afterPress, atPress);
        if (!ok.accepted()) return ok;
        Session.Answer current = priceStillInForce();
        if (!current.accepted()) return current;
        return record(Sale.newId(), session.priced(), null, confirmedAt);
    }

    /**
     * When the press last confirmed the price of the item on screen ({@link #priceStillInForce}): the sale's {@code
     * pricedAt}, the time HQ judges its price at. Session thread only.
     */
    private Instant confirmedAt;

    /**
     * The item on screen priced again at the press, on the load and count it was priced on: a scheduled price or a
     * promotion that started or ended since it was priced changes what it costs now, and a label must charge neither the
     * price no longer in force nor one the screen did not show. When the total differs the screen shows the new one
     * and this press is refused with price_changed (as after a new book); the next press prints what the screen shows.
     */
    private Session.Answer priceStillInForce() {
        Optional<PriceBook> book = sync.currentPriceBook();
        PricedItem held = session.priced();
        confirmedAt = held == null ? null : held.pricedAt();
        if (book.isEmpty() || held == null) return new Session.Answer(true, null, null);
        try {
            PricedItem now = pricing.price(book.get(), session.pick().plu(), session.pricedReading(), session.count());
            // the press confirms the price: the sale is priced now (its pricedAt) if what it charges is what the book gives
            // now, to the unit price, the promotion and the book; a press that shows the same total priced otherwise (a
            // promotion that ended as another of the same price began) keeps the time the item on screen was priced at
            if (sameCharge(held, now)) confirmedAt = now.pricedAt();
            return session.priceInForce(now);
        } catch (PricingRefusedException e) {
            // what was priced a moment ago cannot be priced now: nothing is sold at the old price
            return new Session.Answer(false, "refused_" + e.reason().name(), e.getMessage());
        }
    }

    /** Whether {@code a} and {@code b} charge the same, by the same price, promotion and book (what HQ checks). */
    private static boolean sameCharge(PricedItem a, PricedItem b) {
        return a.totalMinor() == b.totalMinor() && a.unitPriceMinor() == b.unitPriceMinor()
                && a.regularUnitPriceMinor() == b.regularUnitPriceMinor() && a.priceBookVersion() == b.priceBookVersion()
                && java.util.Objects.equals(a.promotion() == null ? null : a.promotion().id(), b.promotion() == null ? null : b.promotion().id());
    }

    /** A card payment the terminal approved, for the PAID label. */
    private record PaidBy(Payment payment, List<String> receipt) {
    }

    /**
     * Records the sale of {@code item} as {@code saleId} and prints its label: for the checkout, or PAID when
     * {@code paid} (then {@code item} carries the barcode the till does not charge, and the sale its payment reference).
     * {@code pricedAt}: when the press confirmed its price (null: when it was priced), the sale's {@code pricedAt}; the
     * sale's {@code soldAt} is now, after the card payment of a PAID label.
     */
    private Session.Answer record(String saleId, PricedItem item, PaidBy paid, Instant pricedAt) {
        Session.Pick pick = session.pick();
        Candidates seen = session.candidates();
        Optional<Candidates.Candidate> top = seen == null || seen.outcome() != Candidates.Outcome.RECOGNISED
                ? Optional.empty() : seen.top();
        // loss prevention (issue 4): flagged for HQ when the pick is cheaper than a confident top-1; never refused.
        // Another sale type is compared on the load: the total charged against the load weighed at pricing valued
        // as the recognised item (garlic on the platter sold as one melon)
        VisionStage vs = recognition.stage();
        Optional<PriceBook> book = sync.currentPriceBook();
        WeightReading load = session.pricedReading();
        Optional<MismatchRule.Mismatch> flag = vs == null || seen == null || book.isEmpty() ? Optional.empty()
                : vs.mismatchRule().check(pick.plu(), seen, p -> calculator.unitPriceAt(book.get(), p, item.pricedAt()),
                        new MismatchRule.Charged(item.totalMinor(), p -> loadValue.of(book.get(), p, load, item.pricedAt())));
        boolean mismatch = flag.isPresent();
        SyncConfig ids = parts.syncConfig();
        Sale sale;
        long saleNumber;
        try {
            saleNumber = sync.nextSaleNumber();
            sale = new Sale(saleId, ids.storeId(), ids.scaleId(), saleNumber, item.pluCode(),
                    item.saleType(), item.saleType() == SaleType.PER_KG ? item.netMg() : loadOnPlatterMg(load),
                    item.saleType() == SaleType.PER_KG ? 0 : item.count(), item.unitPriceMinor(),
                    item.promotion() == null ? null : item.promotion().id(), item.totalMinor(), item.currency(), item.barcode(),
                    parts.clock().instant(), item.priceBookVersion(), top.map(t -> t.plu().code()).orElse(null),
                    top.map(t -> Math.min(1.0, Math.max(0.0, t.confidence()))).orElse(null), pick.auto(), pick.auto() ? 0 : pick.rank(), mismatch,
                    paid == null ? null : paid.payment().reference())
                    .priced(pricedAt != null ? pricedAt : item.pricedAt());
            // loss prevention: a per-piece count judged against the load it was priced on; flagged to HQ, never refused
            Boolean implausible = item.saleType() == SaleType.PER_PIECE && session.pricedReading() != null
                    ? CountPlausibility.implausible(pick.plu(), item.count(), session.pricedReading().netMg()) : null;
            if (mismatch) log.info("sale {}: PLU {} picked ({} {}) where PLU {} was recognised at {} ({} {}, by {}): flagged",
                    sale.saleId(), flag.get().pickedPlu(), flag.get().pickedMinor(), item.currency(), flag.get().recognisedPlu(),
                    flag.get().confidence(), flag.get().recognisedMinor(), item.currency(), flag.get().basis());
            if (implausible != null) {
                sale = sale.countJudged(implausible);
                if (implausible) log.info("sale {}: {} pieces of PLU {} on {} g is implausible (typical piece {} g): flagged",
                        sale.saleId(), item.count(), item.pluCode(), session.pricedReading().netMg() / 1000.0,
                        pick.plu().typicalPieceMg() / 1000.0);
            }
        } catch (StoreException | IllegalArgumentException e) {
            log.error("sale not recorded: {}", e.getMessage());
            if (paid != null) return paidNotRecorded("not_recorded", e.getMessage());
            session.recordFailed("not_recorded", e.getMessage());
            return new Session.Answer(false, "not_recorded", e.getMessage());
        }
        LabelContext context = new LabelContext(parts.pricing().storeName(), ids.scaleId(), saleNumber,
                parts.calibrations().eventCounter(), parts.pricing().language());
        Label label = new LabelComposer(parts.printerConfig().stock()).compose(item, paid == null ? context
                : context.paid(paid.payment().reference()));
        PrintOutcome outcome;
        try {
            // held before the label is sent, to HQ once it printed; a PAID label completes its payment
            outcome = parts.labelled().record(sale, label);
        } catch (OutboxFullException e) {
            if (paid != null) return paidNotRecorded("outbox_full", e.getMessage());
            session.recordFailed("outbox_full", e.getMessage());
            return new Session.Answer(false, "outbox_full", e.getMessage());
        } catch (StoreException | IllegalArgumentException e) {
            log.error("sale not recorded: {}", e.getMessage());
            if (paid != null) return paidNotRecorded("not_recorded", e.getMessage());
            session.recordFailed("not_recorded", e.getMessage());
            return new Session.Answer(false, "not_recorded", e.getMessage());
        }
        parts.printerWatch().outcome(outcome);
        if (!outcome.printed()) waitingSale = sale;
        screenLabelSale = sale.saleId();
        screenLabel = label;
        writePreview(saleNumber, label);
        if (paid == null) session.recorded(sale.saleId(), outcome);
        else session.recordedPaid(sale.saleId(), outcome, paid.payment().reference(), paid.receipt());
        VisionStage v = recognition.stage();
        if (v != null && seen != null && seen.embedding() != null) {
            // the store gallery learns what this scale's shoppers sell, as far as it can trust the sale
            // (Recognizer.confirm, recognition.LearningRule): never from a flagged one
            boolean flagged = mismatch;
            java.util.function.ToLongFunction<Plu> unitPrice = p -> book.map(b -> calculator.unitPriceAt(b, p, item.pricedAt()))
                    .orElse(p.unitPriceMinor());
            recognition.execute(() -> {
                try {
                    // the embedding came from v's model: after a reload it means nothing to the new one's gallery
                    if (recognition.stage() == v) v.confirm(pick.plu(), seen, flagged, unitPrice);
                } catch (RuntimeException e) {
                    log.warn("gallery not updated: {}", e.getMessage());
                }
            });
        }
        log.info("sale {} #{}: PLU {} total {} {} label {}", sale.saleId(), saleNumber, item.pluCode(), item.totalMinor(),
                item.currency(), outcome.printed() ? "printed" : "NOT printed (" + outcome.fault() + ")");
        return new Session.Answer(true, null, null);
    }

    /** An approved payment whose sale could not be recorded: no PAID label, the payment is reversed. */
    private Session.Answer paidNotRecorded(String key, String detail) {
        session.payEnded(key, detail);
        settlePayments();
        return new Session.Answer(false, key, detail);
    }

    // ---- paying by card at the scale (issue 13) -----------------------------------------------------------

    /**
     * The shopper chose "Pay here by card": the terminal is asked for the total on its own thread; its status
     * reaches the screen as it comes; an approval records the sale PAID and prints the PAID label, anything else
     * offers the choice again (pay again, or a label for the checkout). No PAID label without an approval.
     */
    Session.Answer payByCard() {
        if (read(session::outOfService)) return new Session.Answer(false, "out_of_service", null);
        Session.OnScreen atPress = read(session::onScreen);
        WeightReading afterPress = readingAfterPress();
        // the printer is asked before the card is charged, not taken from the last poll (up to PrinterWatch.INTERVAL_MS
        // old): labels out a moment ago charged the card for a PAID label that could not print. A fault it reports
        // reaches the session (printerChanged, queued before the task below), whose press then refuses with
        // printer_unavailable, as it does once a poll has seen it
        PrinterFault printer = parts.payments() == null ? null : parts.printerWatch().askNow();
        if (printer != null) log.info("pay by card refused: the label printer cannot print ({})", printer);
        return onSession(() -> {
            CardPayments payments = parts.payments();
            if (payments == null) return new Session.Answer(false, "pay_disabled", null);
            // a priced item: the card is charged the price in force now, as a label is (priceStillInForce), and its PAID
            // label carries the barcode a till does not charge. Nothing priced: payStarted below refuses, saying why
            // (paying already, the printer, the weight moving, nothing to pay)
            PricedItem paid = null;
            if (session.priced() != null && session.state() == SessionState.PRICED) {
                Session.Answer current = priceStillInForce();
                if (!current.accepted()) return current;
                try {
                    paid = withPaidBarcode(session.priced());
                } catch (BarcodeFieldException e) {
                    return new Session.Answer(false, "pay_unavailable", e.getMessage());
                }
            }
            Session.Answer ok = session.payStarted(afterPress, atPress);
            if (!ok.accepted()) return ok;
            // accepted only for a priced item (Session.print's rule): the one paid was made above
            PricedItem item = session.priced();
            PricedItem paidItem = paid;
            Instant pricedAt = confirmedAt;
            String saleId = Sale.newId();
            cardTerminal.execute(() -> {
                CardPayments.Outcome o;
                try {
                    o = payments.pay(saleId, item.totalMinor(), item.currency(), key -> events.execute(() -> {
                        session.paymentStatus(key);
                        publish(true);
                    }));
                } catch (RuntimeException e) {
                    log.error("card payment of sale {} failed: {}", saleId, e.toString());
                    o = new CardPayments.Outcome(CardPayments.Result.UNAVAILABLE, null, "unavailable", e.getMessage(), List.of());
                }
                CardPayments.Outcome done = o;
                // the PAID label needs the load paid for on the platter now, as print needs it after its press
                WeightReading afterApproval = o.approved() ? settledReadingAfterNow() : null;
                events.execute(() -> {
                    paymentAnswered(saleId, paidItem, pricedAt, done, afterApproval);
                    drive();
                    publish(true);
                });
            });
            return new Session.Answer(true, null, null);
        });
    }

    private void paymentAnswered(String saleId, PricedItem paidItem, Instant pricedAt, CardPayments.Outcome o,
                                 WeightReading afterApproval) {
        if (!o.approved()) {
            log.info("card payment of sale {}: {} ({})", saleId, o.result(), o.detail());
            boolean loadLeft = o.result() == CardPayments.Result.ABORTED && session.loadLeftWhilePaying();
            session.payEnded(loadLeft ? "load_changed" : o.messageKey(), o.detail());
            return;
        }
        if (session.state() != SessionState.PAYING) {
            // cannot happen while the session waits for the terminal; never a PAID label outside its sale
            log.error("card payment of sale {} approved outside its sale: reversing it", saleId);
            settlePayments();
            return;
        }
        if (!session.paidLoadOn(afterApproval)) {
            // the abort came too late (the card was read) or the load moved as the terminal approved: no PAID label for a
            // load that is not on the platter, and no money without a label: the payment is reversed now, nothing is sold
            log.warn("card payment of sale {} ({}) approved, but the load paid for is not on the platter: reversing it", saleId,
                    o.payment().reference());
            session.payEnded("load_changed_reversed", null);
            reverseUnlabelled(saleId);
            return;
        }
        // priced at the press, sold now: a promotion that ended while the shopper paid was in force when the card was charged
        record(saleId, paidItem, new PaidBy(o.payment(), o.receipt()), pricedAt);
    }

    /** The load paid for left the platter while the terminal runs the payment: it is aborted there (as Cancel does). */
    private void abortForLoadChange() {
        CardPayments p = parts.payments();
        boolean sent = p != null && p.abort();
        log.info("the load left the platter during the card payment: {}", sent ? "abort sent to the terminal"
                : "the terminal takes no abort now (an approval is reversed)");
    }

    /**
     * Reverses the approved payment of sale {@code saleId}, whose PAID label must not print (CardPayments.settleOpen
     * reverses an approval without a printed label). A reversal the terminal refuses or does not answer stays in the
     * payment journal (REVERSAL_FAILED, or open and tried again before the next payment), which the service menu's Card
     * payments lists; the shopper is told to ask staff.
     */
    private void reverseUnlabelled(String saleId) {
        CardPayments p = parts.payments();
        settlePayments();
        // after the settling just queued on the same thread
        cardTerminal.execute(() -> {
            Optional<Payment> after = p.journal().forSale(saleId);
            if (after.isEmpty() || after.get().state() == PaymentState.REVERSED) return;
            log.error("card payment {} of sale {} ({} minor units) is {}, not reversed: staff must refund it (service menu, Card payments)",
                    after.get().reference(), saleId, after.get().amountMinor(), after.get().state());
            events.execute(() -> {
                session.payNotReversed(after.get().reference());
                publish(true);
            });
        });
    }

    /**
     * After the terminal approved: a reading made only of conversions begun after now ({@link #readingAfterPress}), and
     * if the load is still moving (the hand that held the card) the next ones, until one is stable or {@link
     * #FRESH_READING_TIMEOUT_NANOS} passed; null when none came.
     */
    private WeightReading settledReadingAfterNow() {
        long deadline = System.nanoTime() + FRESH_READING_TIMEOUT_NANOS;
        WeightReading r = readingAfterPress();
        while (r != null && !r.stable() && System.nanoTime() < deadline) r = readingAfterPress();
        return r;
    }

    /** The shopper pressed Cancel while the terminal waits for the card or PIN. */
    Session.Answer abortPayment() {
        return onSession(() -> {
            if (session.state() != SessionState.PAYING) return new Session.Answer(false, "not_paying", null);
            CardPayments p = parts.payments();
            return p != null && p.abort() ? new Session.Answer(true, null, null) : new Session.Answer(false, "not_paying", null);
        });
    }

    /** {@code item} with the barcode of a PAID label (PaymentConfig.paidBarcode): its total, or zero, under a prefix the till knows. */
    private PricedItem withPaidBarcode(PricedItem i) throws BarcodeFieldException {
        PaymentConfig pc = parts.paymentConfig();
        String barcode = pc.paidLayout().encode(i.pluCode(), pc.paidBarcodeValue() == PaymentConfig.PaidValue.ZERO ? 0 : i.totalMinor());
        return new PricedItem(i.pluCode(), i.name(), i.saleType(), i.netMg(), i.tareMg(), i.count(), i.regularUnitPriceMinor(),
                i.unitPriceMinor(), i.promotion(), i.totalMinor(), i.currency(), barcode, "paid", i.pricedAt(), i.packedOn(), i.sellBy(),
                i.priceBookVersion(), i.originCountry(), i.qualityClass(), i.variety());
    }

    private void writePreview(long saleNumber, Label label) {
        if (parts.kiosk().labelPreviews().isBlank()) return;
        try {
            Path dir = Path.of(parts.kiosk().labelPreviews());
            Files.createDirectories(dir);
            Path file = dir.resolve(String.format("sale-%06d.png", saleNumber));
            Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
            Files.write(tmp, LabelFormat.PNG.render(label));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            log.warn("label preview not written: {}", e.getMessage());
        }
    }

    Session.Answer retryPrint() {
        WeightReading afterPress = readingAfterPress();
        return onSession(() -> {
            if (session.sold() == null || session.state() != SessionState.PRINTER_ERROR) {
                return new Session.Answer(false, "nothing_to_print", null);
            }
            return labelAtSoldLoad(afterPress);
        });
    }

    /**
     * Sends the label of the sale on screen again (LabelResend): as it is when it surely did not print, as a marked copy
     * when the printer's fault came after it had the job, and not at all when that label is PAID (the shopper asks staff).
     */
    private PrintOutcome retry() {
        Session.Sold sold = session.sold();
        PrintOutcome o;
        try {
            o = resent(sold.labelJobId()).outcome();
        } catch (IllegalArgumentException refused) {
            log.warn("label of sale {} not sent again: {}", sold.saleId(), refused.getMessage());
            PrinterFault last = parts.spooler().job(sold.labelJobId()).map(LabelJob::fault).orElse(PrinterFault.ERROR);
            o = new PrintOutcome(sold.labelJobId(), false, last, refused.getMessage(), true);
            session.reprinted(o);
            return o;
        }
        if (o.printed()) waitingSale = null;
        session.reprinted(o);
        return o;
    }

    /** Label job {@code jobId} sent again by the rules of LabelResend; its sale counts once a label of it came out. */
    private LabelResend.Resent resent(long jobId) {
        boolean labelOut = parts.spooler().job(jobId).filter(j -> j.status() == LabelJob.Status.PRINTED).isPresent();
        LabelResend.Resent r = resend.resend(jobId);
        parts.printerWatch().outcome(r.outcome());
        if (r.outcome().printed() && !labelOut) parts.labelled().printed(parts.spooler().job(jobId).orElseThrow().saleId());
        return r;
    }

    /** A service reprint: its outcome, the sale, and whether it was a copy of a label that had come out already. */
    record Reprint(PrintOutcome outcome, String saleId, boolean copy) {}

    /** The payment states in which a sale's label is a PAID one: approved at the terminal, whatever came after. */
    private static final java.util.Set<PaymentState> PAID_LABEL = java.util.EnumSet.of(PaymentState.APPROVED, PaymentState.COMPLETED,
            PaymentState.REVERSING, PaymentState.REVERSED, PaymentState.REVERSAL_FAILED);

    /**
     * The technician reprints label job {@code jobId} from the service menu, by the rules of {@link LabelResend}: a voided
     * sale's label never, one that surely did not print as it is (a waiting sale then counts), one that came out or may
     * have only as a marked copy, and a PAID one that came out or may have not at all (the technician reverses the
     * payment and the shopper buys again).
     */
    Reprint reprintForService(long jobId) {
        return onSession(() -> {
            LabelResend.Resent r = resent(jobId);
            String saleId = parts.spooler().job(jobId).orElseThrow().saleId();
            Session.Sold sold = session.sold();
            if (r.outcome().printed() && sold != null && sold.labelJobId() == jobId) {
                waitingSale = null;
                session.reprinted(r.outcome());
            }
            return new Reprint(r.outcome(), saleId, r.copy());
        });
    }

    private boolean paidAtTheScale(String saleId) {
        CardPayments p = parts.payments();
        return p != null && p.journal().forSale(saleId).filter(x -> PAID_LABEL.contains(x.state())).isPresent();
    }

    // ---- the technician's service menu --------------------------------------------------------------------

    /**
     * The technician's zero (service menu), refused while a shopper's sale is on the scale: zeroing with the shopper's
     * item on the platter dropped the priced sale, and after take-off the next load read low until zero tracking caught
     * up (probe: 250 g priced, zero accepted, then 450 g read 0.200 kg for 9 s). Checked and zeroed on the session
     * thread, so no pick or press comes in between; the weighing stage's own limits (stable, gross, within 2 % of Max of
     * the initial zero, R76-1 4.5) still apply to what is let through.
     */
    com.freshscale.device.weighing.CommandResult serviceZero(Supplier<com.freshscale.device.weighing.CommandResult> zero) {
        return read(() -> {
            // calibrating, the weighing stage is stopped (its zero would be lost with it): nothing to zero
            if (session.outOfService()) return com.freshscale.device.weighing.CommandResult.refused(
                    "the scale is out of service (a calibration is in progress): finish or cancel it first");
            String sale = saleOnTheScale();
            if (sale != null) return com.freshscale.device.weighing.CommandResult.refused("a shopper's sale is in progress ("
                    + sale + "): zero once it is finished and the platter is empty");
            return zero.get();
        });
    }

    /**
     * The scale goes out of service for the technician (the calibration wizard takes the load cell): the kiosk shows
     * no weight but the out-of-service screen, and a sale on it ends with a message to the shopper (nothing recorded,
     * nothing charged; probe: the kiosk kept showing 1.450 kg and the priced sale vanished without a word). Refused
     * (IllegalStateException) while a card payment runs or a recorded sale is on the scale: it finishes first.
     */
    void outOfService(String why) {
        onSession(() -> {
            if (session.locked() || waitingSale != null)
                throw new IllegalStateException("a shopper's sale is not finished (" + saleOnTheScale() + "): " + why
                        + " once the item is taken off");
            if (session.outOfService(true)) log.info("the sale on the screen ended, nothing charged: {}", why);
            return null;
        });
    }

    /** The scale is back in service (calibration finished or cancelled): the next reading starts afresh. */
    void backInService() {
        onSession(() -> session.outOfService(false));
    }

    /** What of a shopper's sale is on the scale (picked, priced, paying, a label printed or waiting), or null: none. */
    private String saleOnTheScale() {
        SessionState s = session.state();
        if (s == SessionState.PAYING) return "a card payment is running";
        if (s == SessionState.PRINTER_ERROR || waitingSale != null) return "a sale waits for its label";
        if (s == SessionState.PRINTED) return "a labelled item is still on the platter";
        if (session.priced() != null) return "an item is priced";
        if (session.pick() != null) return "an item is picked";
        return null;
    }

    // ---- views --------------------------------------------------------------------------------------------

    KioskView view() {
        return read(() -> parts.views().view(session, screenLabelSale));
    }

    void onView(Consumer<KioskView> listener) {
        viewListeners.add(listener);
    }

    Optional<byte[]> labelPreview(String saleId) {
        return read(() -> saleId.equals(screenLabelSale) && screenLabel != null
                ? Optional.of(LabelFormat.PNG.render(screenLabel)) : Optional.<byte[]>empty());
    }

    private void publish(boolean force) {
        long now = System.nanoTime();
        boolean changed = session.state() != lastViewState || session.loadId() != lastViewLoad
                || !Objects.equals(session.notice(), lastViewNotice);
        if (!force && !changed && now - lastViewNanos < VIEW_INTERVAL_NANOS) return;
        lastViewNanos = now;
        lastViewState = session.state();
        lastViewLoad = session.loadId();
        lastViewNotice = session.notice();
        KioskView v = parts.views().view(session, screenLabelSale);
        for (Consumer<KioskView> l : viewListeners) {
            try {
                l.accept(v);
            } catch (RuntimeException e) {
                log.debug("view listener failed: {}", e.toString());
            }
        }
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------

    void shutdown() {
        events.shutdown();
        cardTerminal.shutdown();
    }

    void awaitTermination() throws InterruptedException {
        events.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * The net load weighed when a per-piece or fixed-price item was priced (0 when nothing was weighed), sent with the
     * sale for loss prevention only: it is not charged and not on the label, but it lets HQ value a flagged sale (5 kg
     * of kiwis sold as one piece, garlic sold as one melon) instead of seeing 0 at stake.
     */
    static long loadOnPlatterMg(WeightReading load) {
        if (load == null) return 0;
        return Math.max(0, Math.min(load.netMg(), Sale.MAX_NET_MG));
    }
}
