package com.freshscale.device.app;

import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.label.LabelSpooler;
import com.freshscale.device.label.printer.LabelPrinter;
import com.freshscale.device.label.printer.PrinterConfig;
import com.freshscale.device.payment.CardPayments;
import com.freshscale.device.payment.PaymentConfig;
import com.freshscale.device.payment.PaymentJournal;
import com.freshscale.device.payment.zvt.ZvtClient;
import com.freshscale.device.payment.zvt.sim.TerminalSimulator;
import com.freshscale.device.pricing.PriceCalculator;
import com.freshscale.device.pricing.PricingConfig;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.sync.ScaleHealth;
import com.freshscale.device.ui.PinLockout;
import com.freshscale.device.sync.SaleLedger;
import com.freshscale.device.sync.ScaleSync;
import com.freshscale.device.sync.SyncConfig;
import com.freshscale.device.ui.KioskBackend;
import com.freshscale.device.ui.KioskConfig;
import com.freshscale.device.ui.KioskView;
import com.freshscale.device.ui.ProduceImages;
import com.freshscale.device.ui.Session;
import com.freshscale.device.vision.Camera;
import com.freshscale.device.vision.CameraConfig;
import com.freshscale.device.vision.RecognitionConfig;
import com.freshscale.device.vision.StillsCamera;
import com.freshscale.device.weighing.DescriptiveMarkings;
import com.freshscale.device.weighing.WeighingConfig;
import com.freshscale.device.weighing.WeighingService;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.protocol.status.ScaleCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The scale app: wires weighing → vision → pricing → sale (recorded in the outbox) → label and the kiosk.
 * The shopper's sale is {@link SaleSession}, the screen {@link KioskViewModel}, the technician's menu
 * {@link ScaleServiceMenu}, the demo's panel {@link SimulationPanel}; this class builds them, starts and
 * stops them, and answers the kiosk by handing each call to the part that does it.
 */
public final class ScaleApp implements KioskBackend, AutoCloseable {
    private final ConfigFile config;
    private final CalibrationStore calibrations;
    private final KioskConfig kiosk;
    private final ScaleSync sync;
    private final Camera camera;
    private final ServiceAudit audit;
    /** The service PIN's lockout, in the scale's database; the kiosk counts wrong PINs, HQ may end a lock. */
    private final PinLockout serviceLockout;
    private final PrinterWatch printerWatch;
    private final RecognitionModel recognition;
    private final KioskViewModel views;
    private final DescriptiveMarkings markings;
    private final SaleSession sale;
    private final ScaleServiceMenu serviceMenu;
    private final Optional<Simulation> simulation;
    private final PaymentConfig paymentConfig;
    /** Card payments at the scale, or null when the scale prints labels for the checkout only. */
    private final CardPayments payments;
    private final java.util.concurrent.atomic.AtomicReference<TerminalSimulator> terminalSimulator = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile WeighingService weighing;

    private ScaleApp(ConfigFile config, DeviceDatabase db, WeighingService weighing, Camera camera, ScaleSync sync) {
        this.config = config;
        this.calibrations = new CalibrationStore(db);
        this.kiosk = config.section("kiosk", KioskConfig.class);
        PricingConfig pricing = config.section("pricing", PricingConfig.class);
        this.paymentConfig = config.has("payment") ? config.section("payment", PaymentConfig.class) : PaymentConfig.disabled();
        try {
            paymentConfig.checkAgainst(pricing.barcodeLayouts());
        } catch (IllegalArgumentException e) {
            throw new com.freshscale.device.config.ConfigException(config.origin() + ": section 'payment': " + e.getMessage(), e);
        }
        PrinterConfig printerConfig = config.section("printer", PrinterConfig.class);
        LabelPrinter printer = printerConfig.open();
        this.printerWatch = new PrinterWatch(printer);
        LabelSpooler spooler = new LabelSpooler(db, printer, printerConfig.format(), Clock.systemUTC());
        SyncConfig syncConfig = config.section("sync", SyncConfig.class);
        this.sync = sync;
        this.camera = camera;
        this.weighing = weighing;
        ProduceImages images = kiosk.dataset().isBlank() ? ProduceImages.none() : ProduceImages.load(Path.of(kiosk.dataset()));
        this.audit = new ServiceAudit(db);
        this.serviceLockout = new PinLockout(System::currentTimeMillis, new PinLockoutTable(db));
        this.recognition = new RecognitionModel(db);
        // the panel drives a simulated scale with the simulated platter camera, whose pictures it chooses
        this.simulation = weighing.hardware().simulated().isPresent() && camera instanceof StillsCamera stills
                ? Optional.of(new SimulationPanel(() -> this.weighing.hardware().simulated().orElseThrow(), stills, images, printer,
                        terminalSimulator::get))
                : Optional.empty();
        WeighingConfig weighingConfig = config.section("weighing", WeighingConfig.class);
        this.markings = DescriptiveMarkings.of(weighingConfig, LegalSoftwareId.shownForRunningFirmware());
        this.views = new KioskViewModel(sync, new PriceCalculator(pricing), images, kiosk, () -> recognition.stage() != null, simulation.isPresent(),
                paymentConfig.enabled());
        LabelledSales labelled = new LabelledSales(SaleLedger.of(sync), spooler);
        this.payments = paymentConfig.enabled() ? new CardPayments(new ZvtClient(paymentConfig.terminal()),
                new PaymentJournal(db, Clock.systemUTC()), labelled) : null;
        labelled.payments(payments);
        this.sale = new SaleSession(new SaleSession.Parts(sync, syncConfig, pricing, printerConfig, spooler, printerWatch,
                calibrations, kiosk, camera, recognition, views,
                weighingConfig.stabilityBandE().doubleValue(), weighingConfig.tareMaxMg(), () -> this.weighing, labelled, payments, paymentConfig,
                Clock.systemUTC()));
        this.serviceMenu = new ScaleServiceMenu(new ScaleServiceMenu.Parts(kiosk, syncConfig, sync, pricing, printerConfig, printer,
                spooler, printerWatch, camera, recognition, calibrations, new Calibrator(this), audit, sale, () -> this.weighing, payments));
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
        Holder health = new Holder(reportedRanges(config.section("weighing", WeighingConfig.class)),
                reportedZone(config.section("pricing", PricingConfig.class)));
        ScaleSync sync = ScaleSync.start(config.section("sync", SyncConfig.class), db, health);
        ScaleApp app = new ScaleApp(config, db, weighing, camera, sync);
        health.app = app;
        app.wire();
        return app;
    }

    /**
     * The weighing ranges the scale reports to HQ in its status (Max and e per partial range, mg), or null if the
     * configuration is outside what the status carries (more than 3 ranges, Max above 60 kg): HQ then judges its sales
     * as those of a scale that does not report its ranges.
     */
    static List<com.freshscale.protocol.status.WeighingRange> reportedRanges(WeighingConfig weighing) {
        List<com.freshscale.protocol.status.WeighingRange> ranges = weighing.ranges().stream()
                .map(r -> new com.freshscale.protocol.status.WeighingRange(r.maxMg(), r.eMg())).toList();
        String why = com.freshscale.protocol.status.WeighingRange.check(ranges);
        if (why == null) return ranges;
        org.slf4j.LoggerFactory.getLogger(ScaleApp.class).error("the weighing ranges {} are not reported to HQ: {}", weighing.describeRanges(), why);
        return null;
    }

    /**
     * The time zone the scale reports to HQ in its status: the one its labels' packed and sell-by dates are in
     * ({@code pricing.timeZone}), or null if the status cannot carry it (logged): HQ then shows it as not reported.
     */
    static String reportedZone(PricingConfig pricing) {
        String why = com.freshscale.protocol.status.ScaleStatus.checkZone(pricing.timeZone());
        if (why == null) return pricing.timeZone();
        org.slf4j.LoggerFactory.getLogger(ScaleApp.class).error("the time zone {} is not reported to HQ: {}", pricing.timeZone(), why);
        return null;
    }

    /**
     * Reports the printer and model to the sync stage once the app exists, and the weighing ranges and time zone from the
     * start.
     */
    private static final class Holder implements ScaleHealth {
        volatile ScaleApp app;
        private final List<com.freshscale.protocol.status.WeighingRange> ranges;
        private final String zone;

        Holder(List<com.freshscale.protocol.status.WeighingRange> ranges, String zone) {
            this.ranges = ranges;
            this.zone = zone;
        }

        @Override
        public String timeZone() {
            return zone;
        }

        @Override
        public List<com.freshscale.protocol.status.WeighingRange> weighingRanges() {
            return ranges;
        }

        @Override
        public String printer() {
            return app == null ? "unknown" : app.printerWatch.state();
        }

        @Override
        public String modelVersion() {
            return app == null ? null : app.recognition.modelId();
        }
    }

    private void wire() {
        sync.priceBooks().onApplied(book -> sale.priceBookApplied());
        sale.attachWeighing(weighing);
        weighing.start();
        sale.voidUnlabelledSales();
        printerWatch.onChange(sale::printerChanged);
        printerWatch.start();
        RecognitionConfig rc = config.has("recognition") ? config.section("recognition", RecognitionConfig.class)
                : RecognitionConfig.defaults();
        recognition.load(rc, sale::modelChanged);
        sync.onCommand(ScaleCommand.Command.RELOAD_MODEL, () -> recognition.load(rc, sale::modelChanged));
        // wrong PINs at the kiosk (anyone's) lock the menu for up to 4 h: HQ lets the technician on site in at once
        sync.onCommand(ScaleCommand.Command.UNLOCK_SERVICE_MENU, () -> {
            serviceLockout.unlock();
            serviceMenu.audit("hq", "service-unlocked", "the PIN lockout ended by HQ's command");
        });
    }

    // ---- the kiosk: each call goes to the part that does it -----------------------------------------------

    @Override
    public KioskView view() {
        return sale.view();
    }

    @Override
    public void onView(Consumer<KioskView> listener) {
        sale.onView(listener);
    }

    @Override
    public List<KioskView.Item> catalogue() {
        return views.catalogue();
    }

    @Override
    public DescriptiveMarkings markings() {
        return markings;
    }

    @Override
    public Optional<Path> picture(String pluCode) {
        return views.picture(pluCode);
    }

    @Override
    public Optional<byte[]> labelPreview(String saleId) {
        return sale.labelPreview(saleId);
    }

    @Override
    public Session.Answer pick(String pluCode, int rank) {
        return sale.pick(pluCode, rank);
    }

    @Override
    public Session.Answer count(int pieces) {
        return sale.count(pieces);
    }

    @Override
    public Session.Answer back() {
        return sale.back();
    }

    @Override
    public Session.Answer print() {
        return sale.print();
    }

    @Override
    public Session.Answer retryPrint() {
        return sale.retryPrint();
    }

    @Override
    public Session.Answer payByCard() {
        return sale.payByCard();
    }

    @Override
    public Session.Answer abortPayment() {
        return sale.abortPayment();
    }

    /** The card payments, when paying at the scale is enabled (tests and the service menu read the journal). */
    public Optional<CardPayments> payments() {
        return Optional.ofNullable(payments);
    }

    /** The demo's simulated card terminal, whose next answer the Simulation bar chooses. */
    public void attachTerminalSimulator(TerminalSimulator simulator) {
        terminalSimulator.set(simulator);
        views.simulatorAnswer(() -> simulator.pendingAnswer().name());
    }

    @Override
    public Optional<Simulation> simulation() {
        return simulation;
    }

    @Override
    public PinLockout serviceLockout() {
        return serviceLockout;
    }

    @Override
    public ServiceMenu service() {
        return serviceMenu;
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
        sale.attachWeighing(next);
        next.start();
    }

    ServiceAudit audit() {
        return audit;
    }

    /** The shopper's sale (the calibrator takes the scale out of service through it). */
    SaleSession sale() {
        return sale;
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
        printerWatch.close();
        sale.shutdown();
        recognition.shutdown();
        try {
            sale.awaitTermination();
            recognition.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sync.close();
        camera.close();
        recognition.close();
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
