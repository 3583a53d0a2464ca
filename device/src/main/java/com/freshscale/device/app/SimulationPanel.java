package com.freshscale.device.app;

import com.freshscale.device.label.printer.LabelPrinter;
import com.freshscale.device.label.printer.SimulatedPrinter;
import com.freshscale.device.payment.zvt.sim.TerminalSimulator;
import com.freshscale.device.ui.KioskBackend;
import com.freshscale.device.ui.KioskView;
import com.freshscale.device.ui.ProduceImages;
import com.freshscale.device.vision.CameraException;
import com.freshscale.device.vision.StillsCamera;
import com.freshscale.device.weighing.sim.SimulatedScale;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The demo's panel on a simulated scale: puts a photo with a weight on the platter (the simulated load cell
 * and the still camera together), takes it off, and runs the simulated printer out of paper. It drives the
 * same simulated hardware the weighing and vision stages read; nothing behind it is faked.
 */
final class SimulationPanel implements KioskBackend.Simulation {
    private final Supplier<SimulatedScale> scale;
    private final StillsCamera camera;
    private final ProduceImages images;
    private final LabelPrinter printer;
    private final Supplier<TerminalSimulator> terminal;

    /**
     * {@code scale} gives the simulated scale in use (a calibration replaces it); {@code terminal} the demo's simulated
     * card terminal, or null when none runs.
     */
    SimulationPanel(Supplier<SimulatedScale> scale, StillsCamera camera, ProduceImages images, LabelPrinter printer,
                    Supplier<TerminalSimulator> terminal) {
        this.scale = scale;
        this.camera = camera;
        this.images = images;
        this.printer = printer;
        this.terminal = terminal;
    }

    @Override
    public void cardTerminalAnswer(String answer) {
        TerminalSimulator t = terminal.get();
        if (t == null) throw new IllegalArgumentException("no simulated card terminal runs with this scale");
        TerminalSimulator.Answer a;
        try {
            a = TerminalSimulator.Answer.valueOf(answer.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the card terminal's answer must be one of " + java.util.Arrays.toString(TerminalSimulator.Answer.values()));
        }
        t.nextAnswer(a);
    }

    @Override
    public String cardTerminalNextAnswer() {
        TerminalSimulator t = terminal.get();
        return t == null ? null : t.pendingAnswer().name();
    }

    @Override
    public List<KioskView.Photo> photos() {
        List<KioskView.Photo> out = new ArrayList<>();
        for (ProduceImages.Photo p : images.photos()) out.add(new KioskView.Photo(p.id(), p.className()));
        return out;
    }

    @Override
    public void place(String photoId, double grams) {
        ProduceImages.Photo photo = images.photo(photoId)
                .orElseThrow(() -> new IllegalArgumentException("no photo '" + photoId + "'"));
        try {
            camera.place(photo.file(), photo.className());
        } catch (CameraException e) {
            throw new IllegalArgumentException("cannot decode photo " + photo.file(), e);
        }
        scale.get().model().place(grams, 250_000_000L);
    }

    @Override
    public void takeOff() {
        scale.get().model().place(0, 200_000_000L);
        camera.clear();
    }

    @Override
    public void printerPaperOut(boolean out) {
        if (!(printer instanceof SimulatedPrinter sp)) throw new IllegalArgumentException("the printer is not simulated");
        sp.setPaperOut(out);
    }
}
