package com.freshscale.device.app;

import com.freshscale.device.weighing.ScaleHardware;
import com.freshscale.device.weighing.WeighingConfig;
import com.freshscale.device.weighing.WeighingService;
import com.freshscale.device.weighing.calibration.Calibration;
import com.freshscale.device.weighing.calibration.CalibrationPoint;
import com.freshscale.device.weighing.calibration.CalibrationProcedure;
import com.freshscale.device.weighing.calibration.CalibrationStore;
import com.freshscale.device.weighing.pipeline.ScaleIntervals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service menu's calibration wizard: {@code start} (empty platter: the weighing stops and the zero is
 * measured), {@code reference} (one or more reference masses), {@code finish} (checked, stored as the next
 * calibration event, weighing restarts with it) or {@code cancel} (weighing restarts unchanged). The same
 * procedure and checks as the {@code calibrate} command; on a simulated scale the wizard puts the masses on.
 */
final class Calibrator {
    private final ScaleApp app;
    private ScaleHardware hardware;
    private CalibrationProcedure procedure;
    private final List<CalibrationPoint> points = new ArrayList<>();

    Calibrator(ScaleApp app) {
        this.app = app;
    }

    synchronized Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        CalibrationStore store = app.calibrations();
        m.put("event", store.eventCounter());
        store.current().ifPresent(c -> {
            m.put("at", c.createdAt().toString());
            m.put("technician", c.technician());
            m.put("ranges", c.ranges());
            m.put("points", c.calibration().points().size());
        });
        m.put("in_progress", hardware != null);
        m.put("measured", points.stream().map(p -> p.massMg() / 1000.0).toList());
        return m;
    }

    synchronized Map<String, Object> step(String technician, String step, double referenceG) {
        switch (step) {
            case "start" -> start(technician);
            case "reference" -> reference(referenceG);
            case "finish" -> finish(technician);
            case "cancel" -> cancel(technician);
            default -> throw new IllegalArgumentException("step must be start, reference, finish or cancel");
        }
        return describe();
    }

    private void start(String technician) {
        if (hardware != null) throw new IllegalStateException("a calibration is already in progress: finish or cancel it");
        // the weight is not legal for trade while calibrating: the kiosk shows none, and a sale on it ends with a
        // message to the shopper (refused while a sale is being paid or its item is still on the platter)
        app.sale().outOfService("calibrate");
        app.weighing().close();
        try {
            hardware = ScaleHardware.open(app.config(), true);
        } catch (RuntimeException e) {
            app.replaceWeighing(WeighingService.create(app.config(), app.calibrations(), true));
            app.sale().backInService();
            throw e;
        }
        procedure = new CalibrationProcedure(hardware.loadCell());
        points.clear();
        app.audit().record(technician, "calibration-start", "");
        hardware.simulated().ifPresent(s -> s.model().place(0, 200_000_000L));
        try {
            points.add(new CalibrationPoint(0, procedure.measure().counts()));
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    private void reference(double referenceG) {
        if (hardware == null) throw new IllegalStateException("start the calibration with the empty platter first");
        long mg = BigDecimal.valueOf(referenceG).movePointRight(3).longValue();
        long last = points.get(points.size() - 1).massMg();
        if (mg <= last) throw new IllegalArgumentException("each reference mass must be heavier than the one before (" + last / 1000.0 + " g)");
        WeighingConfig weighing = app.config().section("weighing", WeighingConfig.class);
        if (mg > weighing.maxMg()) throw new IllegalArgumentException("the reference mass exceeds Max (" + weighing.maxMg() / 1000.0 + " g)");
        hardware.simulated().ifPresent(s -> s.model().place(referenceG, 200_000_000L));
        points.add(new CalibrationPoint(mg, procedure.measure().counts()));
    }

    private void finish(String technician) {
        if (hardware == null || points.size() < 2) throw new IllegalStateException("measure the empty platter and at least one reference mass first");
        WeighingConfig weighing = app.config().section("weighing", WeighingConfig.class);
        Calibration calibration = new Calibration(points);
        try {
            CalibrationProcedure.check(calibration, new ScaleIntervals(weighing.ranges()));
        } catch (IllegalArgumentException refused) {
            // nothing stored; the wizard stays in progress: a heavier reference can still be added, a lighter one
            // only by starting again (references are measured from light to heavy)
            app.audit().record(technician, "calibration-refused", refused.getMessage());
            boolean heavierPossible = points.get(points.size() - 1).massMg() < weighing.maxMg();
            throw new IllegalArgumentException(refused.getMessage() + ". Nothing was stored: "
                    + (heavierPossible ? "add a heavier reference and finish again, or " : "")
                    + "cancel and start again with the references named.", refused);
        }
        hardware.simulated().ifPresent(s -> s.model().place(0, 200_000_000L));
        CalibrationStore.Stored stored = app.calibrations().save(calibration, weighing.describeRanges(), technician, Instant.now());
        app.audit().record(technician, "calibration-finish", "event " + stored.event());
        abort();
    }

    private void cancel(String technician) {
        if (hardware == null) return;
        app.audit().record(technician, "calibration-cancel", "");
        abort();
    }

    /** Gives the load cell back to the weighing service (with the newest stored calibration). */
    private void abort() {
        hardware.close();
        hardware = null;
        procedure = null;
        points.clear();
        app.replaceWeighing(WeighingService.create(app.config(), app.calibrations(), true));
        app.sale().backInService();
    }
}
