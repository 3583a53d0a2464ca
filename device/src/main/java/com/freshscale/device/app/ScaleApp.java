package com.freshscale.device.app;

import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.label.Label;
import com.freshscale.device.label.LabelComposer;
import com.freshscale.device.label.LabelContext;
import com.freshscale.device.label.LabelFormat;
import com.freshscale.device.label.LabelJob;
import com.freshscale.device.label.LabelSpooler;
import com.freshscale.device.label.PrintOutcome;
import com.freshscale.device.label.printer.LabelPrinter;
import com.freshscale.device.label.printer.PrinterConfig;
import com.freshscale.device.label.printer.SimulatedPrinter;
import com.freshscale.device.pricing.PriceCalculator;
import com.freshscale.device.pricing.PriceRequest;
import com.freshscale.device.pricing.PricedItem;
import com.freshscale.device.pricing.PricingConfig;
import com.freshscale.device.pricing.PricingRefusedException;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.store.StoreException;
import com.freshscale.device.sync.OutboxFullException;
import com.freshscale.device.sync.ScaleHealth;
import com.freshscale.device.sync.ScaleSync;
import com.freshscale.device.sync.SyncConfig;
import com.freshscale.device.ui.KioskBackend;
import com.freshscale.device.ui.KioskConfig;
import com.freshscale.device.ui.ProduceImages;
import com.freshscale.device.ui.Session;
import com.freshscale.device.ui.SessionState;
import com.freshscale.device.vision.Camera;
import com.freshscale.device.vision.CameraConfig;
import com.freshscale.device.vision.Candidates;
import com.freshscale.device.vision.RecognitionConfig;
import com.freshscale.device.vision.StillsCamera;
import com.freshscale.device.vision.VisionStage;
import com.freshscale.device.weighing.CommandResult;
import com.freshscale.device.weighing.WeighingService;
import com.freshscale.device.weighing.WeightFormat;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.device.weighing.sim.SimulatedScale;
import com.freshscale.protocol.SoftwareVersion;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.PriceBook;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale app: wires weighing → vision → pricing → sale (recorded in the outbox) → label, around one
 * {@link Session}. Every session event runs on one thread ({@code session}), so the state machine needs no
 * locks and events are handled in the order they happened; recognition runs on its own thread and hands
 * its result back as an event. Works fully offline: sales queue in the outbox, prices come from the last
 * valid price book.
 */
public final class ScaleApp implements KioskBackend, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScaleApp.class);
    /** Weight-only changes reach the screen at most this often (a display refreshes ~10 times a second). */
    private static final long VIEW_INTERVAL_NANOS = 100_000_000L;

    private final ConfigFile config;
    private final DeviceDatabase db;
    private final CalibrationStore calibrations;
    private final KioskConfig kiosk;
    private final PricingConfig pricing;
    private final PriceCalculator calculator;
    private final PrinterConfig printerConfig;
    private final LabelPrinter printer;
    private final LabelSpooler spooler;
    private final SyncConfig syncConfig;
    private final ScaleSync sync;
    private final Camera camera;
    private final ProduceImages images;
    private final ServiceAudit audit;
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> daemon(r, "session"));
    private final ExecutorService looking = Executors.newSingleThreadExecutor(r -> daemon(r, "recognition"));
    private final CopyOnWriteArrayList<Consumer<Map<String, Object>>> viewListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<WeightReading> latest = new AtomicReference<>();
    private final AtomicBoolean weightQueued = new AtomicBoolean();
    private final Session session;
    private final Calibrator calibrator;

    private volatile WeighingService weighing;
    private volatile VisionStage vision;
    private volatile String visionProblem = "recognition is starting";
    /** The checksum of the legally relevant software, shown in the service menu for the verification officer. */
    private final String legalSoftwareId = LegalSoftwareId.ofRunningFirmware().substring(0, 16);
    /** When the model in use was loaded (at start, or by HQ's RELOAD_MODEL). */
    private volatile Instant modelLoadedAt;
    private volatile String printerState = "ok";
    // session-thread state
    private long lastViewNanos;
    private SessionState lastViewState;
    private long lastViewLoad = -1;
    private String lastViewNotice;
    private long emptyLearnedForLoad = -1;
    private String screenLabelSale;
    private Label screenLabel;

    private ScaleApp(ConfigFile config, DeviceDatabase db, WeighingService weighing, Camera camera, ScaleSync sync) {
        this.config = config;
        this.db = db;
        this.calibrations = new CalibrationStore(db);
        this.kiosk = config.section("kiosk", KioskConfig.class);
        this.pricing = config.section("pricing", PricingConfig.class);
        this.calculator = new PriceCalculator(pricing);
        this.printerConfig = config.section("printer", PrinterConfig.class);
        this.printer = printerConfig.open();
        this.spooler = new LabelSpooler(db, printer, printerConfig.format(), Clock.systemUTC());
        this.syncConfig = config.section("sync", SyncConfig.class);
        this.sync = sync;
        this.camera = camera;
        this.weighing = weighing;
        this.images = kiosk.dataset().isBlank() ? ProduceImages.none() : ProduceImages.load(Path.of(kiosk.dataset()));
        this.audit = new ServiceAudit(db);
        this.session = new Session(sync.currentPriceBook().isPresent());
        this.calibrator = new Calibrator(this);
    }

    /**
     * Starts the scale described by {@code config} with its database {@code db}: weighing, camera,
     * sync, and (in the background, it takes a few seconds) the recognition model. The scale must be calibrated.
     */
    public static ScaleApp start(ConfigFile config, DeviceDatabase db) {
        CalibrationStore calibrations = new CalibrationStore(db);
        WeighingService weighing = WeighingService.create(config, calibrations, true);
        CameraConfig cameraConfig = config.section("camera", CameraConfig.class);
        // a simulated scale gets the simulated platter camera, whose pictures the simulation panel chooses
        Camera camera = weighing.hardware().simulated().isPresent() && cameraConfig.source() == CameraConfig.Source.STILLS
                ? StillsCamera.empty(cameraConfig.width(), cameraConfig.height()) : cameraConfig.open();
        Holder health = new Holder();
        ScaleSync sync = ScaleSync.start(config.section("sync", SyncConfig.class), db, health);
        ScaleApp app = new ScaleApp(config, db, weighing, camera, sync);
        health.app = app;
        app.wire();
        return app;
    }

    /** Reports the printer and model to the sync stage once the app exists. */
    private static final class Holder implements ScaleHealth {
        volatile ScaleApp app;

        @Override
        public String printer() {
            return app == null ? "unknown" : app.printerState;
        }

        @Override
        public String modelVersion() {
            VisionStage v = app == null ? null : app.vision;
            return v == null ? null : com.freshscale.device.vision.Recognizer.modelId(v.recognizer().model());
        }
    }

    private void wire() {
        sync.priceBooks().onApplied(book -> events.execute(() -> {
            session.priceBook(true);
            drive();
            publish(true);
        }));
        attachWeighing(weighing);
        weighing.start();
        RecognitionConfig rc = config.has("recognition") ? config.section("recognition", RecognitionConfig.class)
                : RecognitionConfig.defaults();
        loadModel(rc);
        sync.onCommand(com.freshscale.protocol.status.ScaleCommand.Command.RELOAD_MODEL, () -> loadModel(rc));
    }

    /**
     * Loads the recognition model on the recognition thread (so no recognition is half on an old model and
     * half on a new one): at start, and again on HQ's RELOAD_MODEL after a new model folder was put in place
     * (hardware-docs/deploy.md). A reload loads beside the running model and switches only when it loaded:
     * a broken model keeps the working one in use. Without any model, shoppers choose from the list.
     */
    private void loadModel(RecognitionConfig rc) {
        looking.execute(() -> {
            VisionStage old = vision;
            try {
                VisionStage next = VisionStage.open(rc, db);
                vision = next;
                modelLoadedAt = Instant.now();
                visionProblem = null;
                if (old != null) old.close();
                // the new stage has not seen the empty platter yet: take its reference at the next stable zero
                events.execute(() -> emptyLearnedForLoad = -1);
                log.info("recognition ready: model {}", com.freshscale.device.vision.Recognizer.modelId(next.recognizer().model()));
            } catch (RuntimeException e) {
                if (old == null) {
                    visionProblem = "recognition unavailable: " + e.getMessage();
                    log.error("{}; shoppers choose from the list", visionProblem);
                } else {
                    log.error("model reload failed, the scale keeps {}: {}",
                            com.freshscale.device.vision.Recognizer.modelId(old.recognizer().model()), e.getMessage());
                }
            }
            events.execute(() -> publish(true));
        });
    }

    void attachWeighing(WeighingService w) {
        w.addListener(r -> {
            if (events.isShutdown()) return;
            latest.set(r);
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
        learnEmptyPlatter(r);
        drive();
        publish(false);
    }

    /** On a stable empty platter the camera takes a reference picture, once per load. */
    private void learnEmptyPlatter(WeightReading r) {
        VisionStage v = vision;
        if (v == null || session.state() != SessionState.IDLE || !r.stable() || !r.centerOfZero()) return;
        if (emptyLearnedForLoad == session.loadId()) return;
        emptyLearnedForLoad = session.loadId();
        looking.execute(() -> {
            try {
                v.onStableZero(camera.grab());
            } catch (RuntimeException e) {
                log.warn("camera: no picture of the empty platter: {}", e.getMessage());
            }
        });
    }

    /** Does the work the session asks for until it asks for none. */
    private void drive() {
        for (int guard = 0; guard < 4; guard++) {
            Session.Work w = session.work();
            if (w == Session.Work.NONE) return;
            session.workStarted(w);
            if (w == Session.Work.RECOGNISE) recognise();
            else price();
        }
    }

    private void recognise() {
        long load = session.loadId();
        WeightReading r = session.reading();
        VisionStage v = vision;
        Optional<PriceBook> book = sync.currentPriceBook();
        if (v == null || book.isEmpty()) {
            session.cameraFailed(load, visionProblem != null ? visionProblem : "no price book");
            return;
        }
        looking.execute(() -> {
            Candidates c;
            try {
                Mat frame = camera.grab();
                c = v.recognise(frame, r, book.get().plus());
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
        PriceRequest request = pick.plu().saleType() == SaleType.PER_KG
                ? PriceRequest.byWeight(pick.plu().code(), session.reading(), Instant.now())
                : new PriceRequest(pick.plu().code(), null, pick.plu().saleType() == SaleType.PER_PIECE ? session.count() : 0,
                        Instant.now());
        try {
            PricedItem item = calculator.price(book.get(), request);
            session.priced(load, item, session.reading());
        } catch (PricingRefusedException e) {
            session.priceRefused(load, "refused_" + e.reason().name(), e.getMessage());
        }
    }

    // ---- taps ---------------------------------------------------------------------------------------------

    /** Runs {@code task} on the session thread and waits for its answer. */
    private <T> T onSession(Callable<T> task) {
        try {
            return events.submit(() -> {
                T result = task.call();
                drive();
                publish(true);
                return result;
            }).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            throw new IllegalStateException(c.getMessage(), c);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the scale is busy: try again");
        }
    }

    @Override
    public Session.Answer pick(String pluCode, int rank) {
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

    @Override
    public Session.Answer count(int pieces) {
        return onSession(() -> session.count(pieces));
    }

    @Override
    public Session.Answer back() {
        return onSession(session::back);
    }

    @Override
    public Session.Answer print() {
        return onSession(this::recordAndPrint);
    }

    /** The sale and its outbox entry are committed before the label is sent (no label without a sale). */
    private Session.Answer recordAndPrint() {
        Session.Answer ok = session.print();
        if (!ok.accepted()) return ok;
        PricedItem item = session.priced();
        Session.Pick pick = session.pick();
        Candidates seen = session.candidates();
        Optional<Candidates.Candidate> top = seen == null || seen.outcome() != Candidates.Outcome.RECOGNISED
                ? Optional.empty() : seen.top();
        // loss prevention (issue 4): flagged for HQ when the pick is cheaper than a confident top-1; never refused
        VisionStage vs = vision;
        Optional<PriceBook> book = sync.currentPriceBook();
        boolean mismatch = vs != null && seen != null && book.isPresent() && vs.mismatchRule()
                .check(pick.plu(), seen, p -> calculator.unitPriceAt(book.get(), p, item.pricedAt())).isPresent();
        Sale sale;
        long saleNumber;
        try {
            saleNumber = sync.nextSaleNumber();
            sale = new Sale(Sale.newId(), syncConfig.storeId(), syncConfig.scaleId(), saleNumber, item.pluCode(),
                    item.saleType(), item.saleType() == SaleType.PER_KG ? item.netMg() : 0,
                    item.saleType() == SaleType.PER_KG ? 0 : item.count(), item.unitPriceMinor(),
                    item.promotion() == null ? null : item.promotion().id(), item.totalMinor(), item.currency(), item.barcode(),
                    Instant.now(), item.priceBookVersion(), top.map(t -> t.plu().code()).orElse(null),
                    top.map(t -> Math.min(1.0, Math.max(0.0, t.confidence()))).orElse(null), pick.auto(), pick.auto() ? 0 : pick.rank(), mismatch);
            sync.recordSale(sale);
        } catch (OutboxFullException e) {
            session.recordFailed("outbox_full", e.getMessage());
            return new Session.Answer(false, "outbox_full", e.getMessage());
        } catch (StoreException | IllegalArgumentException e) {
            log.error("sale not recorded: {}", e.getMessage());
            session.recordFailed("not_recorded", e.getMessage());
            return new Session.Answer(false, "not_recorded", e.getMessage());
        }
        Label label = new LabelComposer(printerConfig.stock()).compose(item,
                new LabelContext(pricing.storeName(), syncConfig.scaleId(), saleNumber, calibrations.eventCounter(), pricing.language()));
        PrintOutcome outcome;
        try {
            outcome = spooler.print(sale.saleId(), label);
        } catch (StoreException e) {
            // the sale is recorded; the label could not even be stored: the shopper asks staff, HQ has the sale
            log.error("label of sale {} not stored: {}", sale.saleId(), e.getMessage());
            outcome = new PrintOutcome(0, false, com.freshscale.device.label.printer.PrinterFault.ERROR, e.getMessage());
        }
        printerState = outcome.printed() ? "ok" : outcome.fault().name().toLowerCase(java.util.Locale.ROOT);
        screenLabelSale = sale.saleId();
        screenLabel = label;
        writePreview(saleNumber, label);
        session.recorded(sale.saleId(), outcome);
        VisionStage v = vision;
        if (v != null && seen != null && seen.embedding() != null) {
            // the store gallery learns what this scale's shoppers sell, as far as it can trust the sale
            // (Recognizer.confirm, recognition.LearningRule): never from a flagged one
            boolean flagged = mismatch;
            java.util.function.ToLongFunction<Plu> unitPrice = p -> book.map(b -> calculator.unitPriceAt(b, p, item.pricedAt()))
                    .orElse(p.unitPriceMinor());
            looking.execute(() -> {
                try {
                    v.confirm(pick.plu(), seen, flagged, unitPrice);
                } catch (RuntimeException e) {
                    log.warn("gallery not updated: {}", e.getMessage());
                }
            });
        }
        log.info("sale {} #{}: PLU {} total {} {} label {}", sale.saleId(), saleNumber, item.pluCode(), item.totalMinor(),
                item.currency(), outcome.printed() ? "printed" : "NOT printed (" + outcome.fault() + ")");
        return new Session.Answer(true, null, null);
    }

    private void writePreview(long saleNumber, Label label) {
        if (kiosk.labelPreviews().isBlank()) return;
        try {
            Path dir = Path.of(kiosk.labelPreviews());
            Files.createDirectories(dir);
            Path file = dir.resolve(String.format("sale-%06d.png", saleNumber));
            Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
            Files.write(tmp, LabelFormat.PNG.render(label));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            log.warn("label preview not written: {}", e.getMessage());
        }
    }

    @Override
    public Session.Answer retryPrint() {
        return onSession(() -> {
            Session.Sold sold = session.sold();
            if (sold == null || session.state() != SessionState.PRINTER_ERROR) return new Session.Answer(false, "nothing_to_print", null);
            PrintOutcome o = spooler.reprint(sold.labelJobId());
            printerState = o.printed() ? "ok" : o.fault().name().toLowerCase(java.util.Locale.ROOT);
            session.reprinted(o);
            return o.printed() ? new Session.Answer(true, null, null) : new Session.Answer(false, "printer_error", o.message());
        });
    }

    @Override
    public CommandResult zero() {
        return weighing.zero();
    }

    @Override
    public CommandResult tare() {
        return weighing.tare();
    }

    @Override
    public CommandResult clearTare() {
        return weighing.clearTare();
    }

    // ---- views --------------------------------------------------------------------------------------------

    @Override
    public Map<String, Object> view() {
        return onSessionQuiet(this::buildView);
    }

    private <T> T onSessionQuiet(Callable<T> task) {
        try {
            return events.submit(task).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the scale is busy: " + e.getMessage());
        }
    }

    @Override
    public void onView(Consumer<Map<String, Object>> listener) {
        viewListeners.add(listener);
    }

    private void publish(boolean force) {
        long now = System.nanoTime();
        boolean changed = session.state() != lastViewState || session.loadId() != lastViewLoad
                || !java.util.Objects.equals(session.notice(), lastViewNotice);
        if (!force && !changed && now - lastViewNanos < VIEW_INTERVAL_NANOS) return;
        lastViewNanos = now;
        lastViewState = session.state();
        lastViewLoad = session.loadId();
        lastViewNotice = session.notice();
        Map<String, Object> v = buildView();
        for (Consumer<Map<String, Object>> l : viewListeners) {
            try {
                l.accept(v);
            } catch (RuntimeException e) {
                log.debug("view listener failed: {}", e.toString());
            }
        }
    }

    private Map<String, Object> buildView() {
        Map<String, Object> v = new LinkedHashMap<>();
        SessionState s = session.state();
        v.put("state", s.name());
        v.put("error", s.error());
        v.put("load", session.loadId());
        v.put("weight", weightView(session.reading()));
        Optional<PriceBook> book = sync.currentPriceBook();
        v.put("price_book", book.map(b -> Map.of("version", b.version(), "currency", b.currency())).orElse(null));
        Candidates c = session.candidates();
        List<Map<String, Object>> tiles = new ArrayList<>();
        if (c != null) {
            int rank = 1;
            for (Candidates.Candidate cand : c.candidates()) {
                Map<String, Object> t = pluView(cand.plu(), book.orElse(null));
                t.put("rank", rank++);
                t.put("confidence", Math.round(cand.confidence() * 1000) / 1000.0);
                tiles.add(t);
            }
            v.put("recognition", c.outcome().name());
        } else {
            v.put("recognition", null);
        }
        v.put("candidates", tiles);
        Session.Pick pick = session.pick();
        if (pick != null) {
            Map<String, Object> p = pluView(pick.plu(), book.orElse(null));
            p.put("rank", pick.rank());
            p.put("auto", pick.auto());
            v.put("pick", p);
        } else {
            v.put("pick", null);
        }
        v.put("count", session.count());
        PricedItem item = session.priced();
        v.put("priced", item == null ? null : pricedView(item));
        Session.Sold sold = session.sold();
        if (sold != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sale_id", sold.saleId());
            m.put("total_minor", sold.item().totalMinor());
            m.put("currency", sold.item().currency());
            m.put("label", sold.saleId().equals(screenLabelSale) ? "/api/label/" + sold.saleId() : null);
            if (v.get("priced") == null) v.put("priced", pricedView(sold.item()));
            v.put("sold", m);
        } else {
            v.put("sold", null);
        }
        v.put("notice", session.notice());
        v.put("printer_problem", session.printerProblem());
        v.put("camera_problem", session.cameraProblem());
        v.put("recognition_available", vision != null);
        v.put("outbox_alarm", sync.outbox().alarm());
        v.put("online", sync.connected());
        v.put("simulation", simulation().isPresent());
        v.put("languages", kiosk.languages());
        return v;
    }

    private static Map<String, Object> weightView(WeightReading r) {
        Map<String, Object> w = new LinkedHashMap<>();
        if (r == null) {
            w.put("status", "NONE");
            w.put("text", "");
            return w;
        }
        w.put("net_mg", r.netMg());
        w.put("tare_mg", r.tareMg());
        w.put("e_mg", r.intervalMg());
        w.put("stable", r.stable());
        w.put("zero", r.centerOfZero());
        w.put("net_mode", r.netMode());
        w.put("status", r.status().name());
        w.put("text", WeightFormat.kg(r.netMg(), r.intervalMg()));
        w.put("tare_text", r.netMode() ? WeightFormat.kg(r.tareMg(), r.intervalMg()) : null);
        return w;
    }

    private Map<String, Object> pluView(Plu plu, PriceBook book) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("plu", plu.code());
        t.put("names", plu.names());
        t.put("sale_type", plu.saleType().name());
        Instant now = Instant.now();
        t.put("unit_price_minor", book == null ? plu.unitPriceMinor() : book.unitPriceAt(plu, now));
        t.put("promotion", book != null && !book.promotionsAt(plu.code(), now).isEmpty());
        t.put("currency", plu.currency());
        t.put("picture", images.iconic(plu.modelLabels()).isPresent() ? "/api/picture/" + plu.code() : null);
        return t;
    }

    private static Map<String, Object> pricedView(PricedItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plu", i.pluCode());
        m.put("sale_type", i.saleType().name());
        m.put("net_mg", i.netMg());
        m.put("net_text", i.saleType() == SaleType.PER_KG ? WeightFormat.kg(i.netMg(), 1_000) : null);
        m.put("count", i.count());
        m.put("unit_price_minor", i.unitPriceMinor());
        m.put("regular_unit_price_minor", i.regularUnitPriceMinor());
        m.put("promotion", i.promotion() == null ? null
                : Map.of("text", i.promotion().text(), "saving_minor", i.promotion().savingMinor()));
        m.put("total_minor", i.totalMinor());
        m.put("currency", i.currency());
        m.put("barcode", i.barcode());
        m.put("price_book_version", i.priceBookVersion());
        return m;
    }

    @Override
    public List<Map<String, Object>> catalogue() {
        Optional<PriceBook> book = sync.currentPriceBook();
        if (book.isEmpty()) return List.of();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Plu p : book.get().plus()) if (p.active()) out.add(pluView(p, book.get()));
        return out;
    }

    @Override
    public Optional<Path> picture(String pluCode) {
        return sync.currentPriceBook().flatMap(b -> b.plu(pluCode)).flatMap(p -> images.iconic(p.modelLabels()));
    }

    @Override
    public Optional<byte[]> labelPreview(String saleId) {
        return onSessionQuiet(() -> saleId.equals(screenLabelSale) && screenLabel != null
                ? Optional.of(LabelFormat.PNG.render(screenLabel)) : Optional.<byte[]>empty());
    }

    // ---- simulation ---------------------------------------------------------------------------------------

    @Override
    public Optional<Simulation> simulation() {
        Optional<SimulatedScale> sim = weighing.hardware().simulated();
        if (sim.isEmpty() || !(camera instanceof StillsCamera)) return Optional.empty();
        return Optional.of(new SimulationPanel());
    }

    private final class SimulationPanel implements Simulation {
        @Override
        public List<Map<String, Object>> photos() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ProduceImages.Photo p : images.photos()) out.add(Map.of("id", p.id(), "class", p.className()));
            return out;
        }

        @Override
        public void place(String photoId, double grams) {
            ProduceImages.Photo photo = images.photo(photoId)
                    .orElseThrow(() -> new IllegalArgumentException("no photo '" + photoId + "'"));
            Mat img = Imgcodecs.imread(photo.file().toString(), Imgcodecs.IMREAD_COLOR);
            if (img.empty()) throw new IllegalArgumentException("cannot decode photo " + photo.file());
            ((StillsCamera) camera).place(img, photo.className());
            weighing.hardware().simulated().orElseThrow().model().place(grams, 250_000_000L);
        }

        @Override
        public void takeOff() {
            weighing.hardware().simulated().orElseThrow().model().place(0, 200_000_000L);
            ((StillsCamera) camera).clear();
        }

        @Override
        public void printerPaperOut(boolean out) {
            if (!(printer instanceof SimulatedPrinter sp)) throw new IllegalArgumentException("the printer is not simulated");
            sp.setPaperOut(out);
        }
    }

    // ---- service menu -------------------------------------------------------------------------------------

    @Override
    public ServiceMenu service() {
        return serviceMenu;
    }

    private final ServiceMenu serviceMenu = new ServiceMenu() {
        @Override
        public boolean pinMatches(String pin) {
            return java.security.MessageDigest.isEqual(pin.getBytes(), kiosk.servicePin().getBytes());
        }

        @Override
        public Map<String, Object> status() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("store", syncConfig.storeId());
            m.put("scale", syncConfig.scaleId());
            m.put("firmware", SoftwareVersion.of(ScaleApp.class));
            m.put("legal_software_id", legalSoftwareId);
            m.put("broker", syncConfig.brokerUrl());
            m.put("broker_connected", sync.connected());
            m.put("price_book_version", sync.priceBooks().version());
            m.put("price_book_problem", sync.priceBooks().problem());
            m.put("outbox_depth", sync.outbox().depth());
            m.put("outbox_capacity", sync.outbox().capacity());
            m.put("outbox_alarm", sync.outbox().alarm());
            m.put("printer", printer.describe());
            m.put("printer_state", printerState);
            m.put("camera", camera.describe());
            VisionStage v = vision;
            m.put("model", v == null ? null : com.freshscale.device.vision.Recognizer.modelId(v.recognizer().model()));
            m.put("model_loaded_at", modelLoadedAt == null ? null : modelLoadedAt.toString());
            m.put("model_problem", visionProblem);
            m.put("gallery_size", v == null ? 0 : v.recognizer().gallery().size());
            m.put("calibration_event", calibrations.eventCounter());
            return m;
        }

        @Override
        public List<Map<String, Object>> unprintedLabels() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (LabelJob j : spooler.notPrinted()) out.add(jobView(j));
            return out;
        }

        @Override
        public Map<String, Object> printerTest() {
            PricedItem test = testItem();
            Label label = new LabelComposer(printerConfig.stock()).compose(test,
                    new LabelContext(pricing.storeName(), syncConfig.scaleId(), 0, calibrations.eventCounter(), pricing.language()));
            byte[] job = printerConfig.format().render(label);
            Map<String, Object> m = new LinkedHashMap<>();
            try {
                printer.print(job);
                printerState = "ok";
                m.put("printed", true);
            } catch (com.freshscale.device.label.printer.PrinterException e) {
                printerState = e.fault().name().toLowerCase(java.util.Locale.ROOT);
                m.put("printed", false);
                m.put("fault", e.fault().name());
                m.put("message", e.getMessage());
            }
            audit("technician", "printer-test", (Boolean) m.get("printed") ? "printed" : "not printed: " + m.get("message"));
            return m;
        }

        @Override
        public Map<String, Object> reprint(long jobId) {
            if (spooler.job(jobId).isEmpty()) throw new IllegalArgumentException("no label job " + jobId);
            PrintOutcome o = spooler.reprint(jobId);
            printerState = o.printed() ? "ok" : o.fault().name().toLowerCase(java.util.Locale.ROOT);
            audit("technician", "reprint", "job " + jobId + (o.printed() ? " printed" : " not printed: " + o.message()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("printed", o.printed());
            m.put("fault", o.fault() == null ? null : o.fault().name());
            m.put("message", o.message());
            return m;
        }

        @Override
        public Map<String, Object> teach(String pluCode, int pictures) {
            VisionStage v = vision;
            if (v == null) throw new IllegalStateException(visionProblem);
            Plu plu = sync.currentPriceBook().flatMap(b -> b.plu(pluCode))
                    .orElseThrow(() -> new IllegalArgumentException("PLU " + pluCode + " is not in the price book"));
            List<Mat> frames = new ArrayList<>();
            for (int i = 0; i < pictures; i++) frames.add(camera.grab());
            int stored = v.teach(plu, frames);
            audit("technician", "teach", "PLU " + pluCode + ": " + stored + " pictures");
            return Map.of("plu", pluCode, "stored", stored, "gallery_size", v.recognizer().gallery().size());
        }

        @Override
        public Map<String, Object> calibration() {
            return calibrator.describe();
        }

        @Override
        public Map<String, Object> calibrate(String technician, String step, double referenceG) {
            return calibrator.step(technician, step, referenceG);
        }

        @Override
        public List<Map<String, Object>> auditLog() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ServiceAudit.Entry e : audit.newest(200)) {
                out.add(Map.of("at", e.at().toString(), "actor", e.actor(), "what", e.what(), "detail", e.detail()));
            }
            for (CalibrationStore.AuditEntry e : calibrations.auditLog()) {
                out.add(Map.of("at", e.at().toString(), "actor", e.actor(), "what", "calibration event " + e.event() + ": " + e.what(),
                        "detail", String.valueOf(e.newValue())));
            }
            out.sort((a, b) -> ((String) b.get("at")).compareTo((String) a.get("at")));
            return out;
        }

        @Override
        public void audit(String actor, String what, String detail) {
            audit.record(actor, what, detail);
        }
    };

    private PricedItem testItem() {
        java.time.LocalDate today = java.time.LocalDate.now(pricing.zone());
        return new PricedItem("0", "TEST LABEL", SaleType.FIXED, 0, 0, 1, 0, 0, null, 0, "EUR", "2000000000008",
                "ean13-price", Instant.now(), today, null, sync.priceBooks().version());
    }

    private static Map<String, Object> jobView(LabelJob j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", j.id());
        m.put("sale_id", j.saleId());
        m.put("status", j.status().name());
        m.put("fault", j.fault() == null ? null : j.fault().name());
        m.put("message", j.message());
        m.put("attempts", j.attempts());
        m.put("created_at", j.createdAt().toString());
        return m;
    }

    // ---- for the calibrator -------------------------------------------------------------------------------

    ConfigFile config() {
        return config;
    }

    CalibrationStore calibrations() {
        return calibrations;
    }

    WeighingService weighing() {
        return weighing;
    }

    /** Replaces the weighing service (after a calibration); readings of the old one stop. */
    void replaceWeighing(WeighingService next) {
        weighing = next;
        attachWeighing(next);
        next.start();
    }

    ServiceAudit audit() {
        return audit;
    }

    /** The sync stage (tests and the run command read the outbox and the price book through it). */
    public ScaleSync sync() {
        return sync;
    }

    public KioskConfig kioskConfig() {
        return kiosk;
    }

    @Override
    public void close() {
        // readings stop first, so no reading is handed to a session thread that is shutting down
        weighing.close();
        events.shutdown();
        looking.shutdown();
        try {
            events.awaitTermination(5, TimeUnit.SECONDS);
            looking.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sync.close();
        camera.close();
        VisionStage v = vision;
        if (v != null) v.close();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
