package com.freshscale.device.app;

import com.freshscale.device.label.Label;
import com.freshscale.device.label.LabelComposer;
import com.freshscale.device.label.LabelContext;
import com.freshscale.device.label.LabelJob;
import com.freshscale.device.label.LabelSpooler;
import com.freshscale.device.label.PrintOutcome;
import com.freshscale.device.label.printer.LabelPrinter;
import com.freshscale.device.label.printer.PrinterConfig;
import com.freshscale.device.label.printer.PrinterException;
import com.freshscale.device.pricing.PricedItem;
import com.freshscale.device.pricing.PricingConfig;
import com.freshscale.device.sync.ScaleSync;
import com.freshscale.device.sync.SyncConfig;
import com.freshscale.device.ui.KioskBackend;
import com.freshscale.device.ui.KioskConfig;
import com.freshscale.device.vision.Camera;
import com.freshscale.device.vision.VisionStage;
import com.freshscale.device.weighing.CommandResult;
import com.freshscale.device.weighing.WeighingService;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.protocol.SoftwareVersion;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.protocol.pricebook.SaleType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The technician's menu behind the PIN: status for the verification officer and the help desk, the
 * printer (test label, reprints of labels that did not print), teaching the recogniser, the calibration
 * wizard, and the audit log of all of it.
 */
final class ScaleServiceMenu implements KioskBackend.ServiceMenu {
    /** What the menu works on. */
    record Parts(KioskConfig kiosk, SyncConfig syncConfig, ScaleSync sync, PricingConfig pricing, PrinterConfig printerConfig,
            LabelPrinter printer, LabelSpooler spooler, PrinterWatch printerWatch, Camera camera, RecognitionModel recognition,
            CalibrationStore calibrations, Calibrator calibrator, ServiceAudit audit, SaleSession sale,
            java.util.function.Supplier<WeighingService> weighing, com.freshscale.device.payment.CardPayments payments) {
    }

    /** The checksum of the legally relevant software, shown for the verification officer. */
    private final String legalSoftwareId = LegalSoftwareId.shownForRunningFirmware();
    private final Parts parts;

    ScaleServiceMenu(Parts parts) {
        this.parts = parts;
    }

    // ---- card payments (issue 13) ----

    private com.freshscale.device.payment.CardPayments payments() {
        if (parts.payments() == null) throw new IllegalArgumentException("paying by card is not enabled on this scale (config section payment)");
        return parts.payments();
    }

    @Override
    public Map<String, Object> cardPayments() {
        var p = payments();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("open", p.journal().open().size());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var x : p.journal().newest(20)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", x.id());
            r.put("at", x.startedAt().toString());
            r.put("amount_minor", x.amountMinor());
            r.put("currency", x.currency());
            r.put("state", x.state().name());
            r.put("reference", x.reference());
            r.put("detail", x.detail());
            rows.add(r);
        }
        m.put("payments", rows);
        return m;
    }

    @Override
    public Map<String, Object> reverseLastPayment(String technician) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            var r = payments().reverseLast(technician);
            if (r.isEmpty()) {
                m.put("reversed", false);
                m.put("message", "nothing to reverse: the last card payment is reversed already, or none was completed");
            } else {
                boolean reversed = r.get().state() == com.freshscale.device.payment.PaymentState.REVERSED;
                m.put("reversed", reversed);
                m.put("amount_minor", r.get().amountMinor());
                m.put("reference", r.get().reference());
                m.put("sale_id", r.get().saleId());
                // the sale is void now, but its PAID label still passes the till uncharged: it must come back
                m.put("message", reversed ? "reversed: take the PAID label of sale " + r.get().saleId() + " back from the shopper, "
                        + "it is void now" : "the terminal refused: " + r.get().detail());
            }
        } catch (java.io.IOException e) {
            m.put("reversed", false);
            m.put("message", "the card terminal did not answer: " + e.getMessage());
        } catch (IllegalStateException tooLate) {
            m.put("reversed", false);
            m.put("message", tooLate.getMessage());
        }
        audit(technician, "card-reversal", String.valueOf(m.get("message")) + (m.get("reference") == null ? "" : " " + m.get("reference")));
        return m;
    }

    @Override
    public Map<String, Object> endOfDay(String technician) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            var eod = payments().endOfDay();
            m.put("done", eod.done());
            if (!eod.done()) {
                m.put("message", "the terminal refused: " + eod.problem());
            } else {
                m.put("count", eod.totals() == null ? 0 : eod.totals().count());
                m.put("turnover_minor", eod.turnoverMinor());
                List<Map<String, Object>> schemes = new ArrayList<>();
                if (eod.totals() != null) {
                    for (var t : eod.totals().schemes()) {
                        if (t.count() == 0) continue;
                        schemes.add(Map.of("scheme", t.scheme(), "count", t.count(), "turnover_minor", t.turnoverMinor()));
                    }
                }
                m.put("schemes", schemes);
                m.put("report", eod.report());
                m.put("message", "end-of-day done");
            }
        } catch (java.io.IOException e) {
            m.put("done", false);
            m.put("message", "the card terminal did not answer: " + e.getMessage());
        }
        audit(technician, "card-end-of-day", m.get("done").equals(true) ? m.get("count") + " payments, " + m.get("turnover_minor") + " minor units"
                : String.valueOf(m.get("message")));
        return m;
    }

    @Override
    public boolean pinMatches(String pin) {
        return MessageDigest.isEqual(pin.getBytes(StandardCharsets.UTF_8), parts.kiosk().servicePin().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, Object> status() {
        ScaleSync sync = parts.sync();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", parts.syncConfig().storeId());
        m.put("scale", parts.syncConfig().scaleId());
        m.put("firmware", SoftwareVersion.of(ScaleApp.class));
        m.put("legal_software_id", legalSoftwareId);
        m.put("broker", parts.syncConfig().brokerUrl());
        m.put("broker_connected", sync.connected());
        m.put("enrolled", sync.enrolled());
        m.put("price_book_version", sync.priceBooks().version());
        m.put("price_book_problem", sync.priceBooks().problem());
        m.put("outbox_depth", sync.outbox().depth());
        m.put("outbox_capacity", sync.outbox().capacity());
        m.put("outbox_alarm", sync.outbox().alarm());
        m.put("printer", parts.printer().describe());
        m.put("printer_state", parts.printerWatch().state());
        m.put("camera", parts.camera().describe());
        RecognitionModel r = parts.recognition();
        VisionStage v = r.stage();
        m.put("model", r.modelId());
        m.put("model_loaded_at", r.loadedAt() == null ? null : r.loadedAt().toString());
        m.put("model_problem", r.problem());
        m.put("gallery_size", v == null ? 0 : v.recognizer().gallery().size());
        m.put("calibration_event", parts.calibrations().eventCounter());
        return m;
    }

    @Override
    public List<Map<String, Object>> unprintedLabels() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LabelJob j : parts.spooler().notPrinted()) {
            Map<String, Object> m = jobView(j);
            // a voided sale's label stays listed (kept, not deleted) but is not to be printed
            m.put("sale_state", parts.sync().outbox().labelState(j.saleId()).orElse(null));
            out.add(m);
        }
        return out;
    }

    @Override
    public Map<String, Object> printerTest() {
        Label label = new LabelComposer(parts.printerConfig().stock()).compose(testItem(), new LabelContext(parts.pricing().storeName(),
                parts.syncConfig().scaleId(), 0, parts.calibrations().eventCounter(), parts.pricing().language()));
        byte[] job = parts.printerConfig().format().render(label);
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            parts.printer().print(job);
            parts.printerWatch().printed();
            m.put("printed", true);
        } catch (PrinterException e) {
            parts.printerWatch().fault(e.fault());
            m.put("printed", false);
            m.put("fault", e.fault().name());
            m.put("message", e.getMessage());
        }
        audit("technician", "printer-test", (Boolean) m.get("printed") ? "printed" : "not printed: " + m.get("message"));
        return m;
    }

    @Override
    public Map<String, Object> reprint(long jobId) {
        SaleSession.Reprint r;
        try {
            r = parts.sale().reprintForService(jobId);
        } catch (IllegalArgumentException refused) {
            audit("technician", "reprint", "job " + jobId + " refused: " + refused.getMessage());
            throw refused;
        }
        PrintOutcome o = r.outcome();
        audit("technician", "reprint", "job " + jobId + " of sale " + r.saleId() + (r.copy() ? " (copy marked KOPIE/COPY)" : "")
                + (o.printed() ? " printed" : " not printed: " + o.message()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("printed", o.printed());
        m.put("copy", r.copy());
        m.put("fault", o.fault() == null ? null : o.fault().name());
        m.put("message", o.message());
        return m;
    }

    @Override
    public Map<String, Object> zero(String technician) {
        // never under a shopper's sale: the sale would be dropped and the next load read low (SaleSession.serviceZero)
        CommandResult r = parts.sale().serviceZero(() -> parts.weighing().get().zero());
        audit(technician, "zero", r.accepted() ? "set" : "refused: " + r.reason());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zeroed", r.accepted());
        m.put("message", r.accepted() ? null : r.reason());
        return m;
    }

    @Override
    public Map<String, Object> teach(String pluCode, int pictures) {
        VisionStage v = parts.recognition().stage();
        if (v == null) throw new IllegalStateException(parts.recognition().problem());
        Plu plu = parts.sync().currentPriceBook().flatMap(b -> b.plu(pluCode))
                .orElseThrow(() -> new IllegalArgumentException("PLU " + pluCode + " is not in the price book"));
        List<org.opencv.core.Mat> frames = new ArrayList<>();
        for (int i = 0; i < pictures; i++) frames.add(parts.camera().grab());
        int stored;
        try {
            stored = v.teach(plu, frames);
        } catch (VisionStage.Retired replaced) {
            // a reload retired v between reading it and teaching: teach the model now in use
            v = parts.recognition().stage();
            stored = v.teach(plu, frames);
        } finally {
            frames.forEach(org.opencv.core.Mat::release); // the gallery keeps crops, not frames
        }
        audit("technician", "teach", "PLU " + pluCode + ": " + stored + " pictures");
        return Map.of("plu", pluCode, "stored", stored, "gallery_size", v.recognizer().gallery().size());
    }

    @Override
    public Map<String, Object> calibration() {
        return parts.calibrator().describe();
    }

    @Override
    public Map<String, Object> calibrate(String technician, String step, double referenceG) {
        return parts.calibrator().step(technician, step, referenceG);
    }

    @Override
    public List<Map<String, Object>> auditLog() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ServiceAudit.Entry e : parts.audit().newest(200)) {
            out.add(Map.of("at", e.at().toString(), "actor", e.actor(), "what", e.what(), "detail", e.detail()));
        }
        for (CalibrationStore.AuditEntry e : parts.calibrations().auditLog()) {
            out.add(Map.of("at", e.at().toString(), "actor", e.actor(), "what", "calibration event " + e.event() + ": " + e.what(),
                    "detail", String.valueOf(e.newValue())));
        }
        out.sort((a, b) -> ((String) b.get("at")).compareTo((String) a.get("at")));
        return out;
    }

    @Override
    public void audit(String actor, String what, String detail) {
        parts.audit().record(actor, what, detail);
    }

    private PricedItem testItem() {
        LocalDate today = LocalDate.now(parts.pricing().zone());
        return new PricedItem("0", "TEST LABEL", SaleType.FIXED, 0, 0, 1, 0, 0, null, 0, "EUR", "2000000000008",
                "ean13-price", Instant.now(), today, null, parts.sync().priceBooks().version());
    }

    private static Map<String, Object> jobView(LabelJob j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", j.id());
        m.put("sale_id", j.saleId());
        m.put("status", j.status().name());
        m.put("fault", j.fault() == null ? null : j.fault().name());
        m.put("message", j.message());
        m.put("attempts", j.attempts());
        // the printer reported a fault after it had the job: a reprint goes out as a marked copy, a PAID one not at all
        m.put("may_have_printed", j.mayHavePrinted());
        m.put("created_at", j.createdAt().toString());
        return m;
    }

    @Override
    public Map<String, Object> enrol(String code) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            parts.sync().enroll(code);
            audit("technician", "enrol", "enrolled as scale " + parts.syncConfig().scaleId() + " of store " + parts.syncConfig().storeId());
            m.put("enrolled", true);
            m.put("message", "Enrolled: the scale connects to the store server now.");
        } catch (com.freshscale.device.sync.Enroller.EnrollmentRefusedException e) {
            audit("technician", "enrol", "refused: " + e.getMessage());
            m.put("enrolled", false);
            m.put("message", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            m.put("enrolled", false);
            m.put("message", "interrupted");
        }
        return m;
    }
}
