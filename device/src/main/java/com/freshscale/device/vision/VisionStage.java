package com.freshscale.device.vision;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.recognition.ProduceModel;
import java.nio.file.Path;
import java.util.Collection;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vision stage as the app uses it: show it the empty platter on a stable zero ({@link #onStableZero}),
 * ask it for candidates on a stable load ({@link #recognise}), tell it what was sold ({@link #confirm}) and
 * teach it new items ({@link #teach}). Owns the model, the gallery and the platter reference.
 */
public final class VisionStage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VisionStage.class);
    /** Where the device jar carries the model trained in models/ (see device/pom.xml). */
    public static final String BUNDLED_MODEL = "/freshscale/model/produce";

    private final PlatterView platter;
    private final Recognizer recognizer;
    private final RecognitionConfig config;
    private final MismatchRule mismatch;
    /**
     * Reference count of the model (issue 12: HQ's "Reload model" closed a model under a recognition in progress,
     * "NDManager has been closed already"). Every call that uses the model counts itself in and out; {@link #close}
     * only retires the stage, and the model is closed when the last call has left. A call that comes after that
     * gets {@link Retired}: the caller takes the stage that replaced this one.
     */
    private final Object useLock = new Object();
    private int users;
    private boolean retired;
    private boolean modelClosed;

    /** This stage's model was closed after a reload: use the current stage. */
    public static final class Retired extends IllegalStateException {
        Retired() {
            super("the recognition model was replaced by a reload", null);
        }
    }

    public VisionStage(PlatterView platter, Recognizer recognizer, RecognitionConfig config) {
        this.platter = platter;
        this.recognizer = recognizer;
        this.config = config;
        this.mismatch = new MismatchRule(config.mismatchConfidence());
    }

    /** Loads the configured model (warmed up), opens the gallery in {@code db}. */
    public static VisionStage open(RecognitionConfig config, DeviceDatabase db) {
        ProduceModel model = loadModel(config.model());
        Gallery gallery = Gallery.open(db, Recognizer.modelId(model), model.spec().architecture().embeddingSize(),
                config.galleryMaxEntries(), config.galleryMaxPerPlu(), jpeg -> Recognizer.embedThumbnail(model, jpeg));
        log.info("vision ready: model {}, gallery of {} examples", Recognizer.modelId(model), gallery.size());
        return new VisionStage(PlatterView.standard(model.spec().resizeSize()), new Recognizer(model, gallery, config), config);
    }

    /** {@code bundled} = the model in the firmware jar; anything else is a model folder. */
    public static ProduceModel loadModel(String model) {
        return RecognitionConfig.BUNDLED.equals(model) ? ProduceModel.loadResource(BUNDLED_MODEL)
                : ProduceModel.load(Path.of(model));
    }

    /** A stable zero: the camera sees the empty platter. */
    public synchronized void onStableZero(Mat frame) {
        enter();
        try {
            platter.learnEmpty(frame);
        } finally {
            leave();
        }
    }

    /** Counts a call in; {@link Retired} once the model is closed. */
    void enter() {
        synchronized (useLock) {
            if (modelClosed) throw new Retired();
            users++;
        }
    }

    void leave() {
        boolean close;
        synchronized (useLock) {
            users--;
            close = retired && users == 0 && !modelClosed;
            if (close) modelClosed = true;
        }
        if (close) closeModel();
    }

    /** Calls using the model right now (tests). */
    int users() {
        synchronized (useLock) {
            return users;
        }
    }

    /** True once the model itself is closed: retired and no call left. */
    public boolean modelClosed() {
        synchronized (useLock) {
            return modelClosed;
        }
    }

    /**
     * A frame of the platter with {@code weight} on it: candidates, or why there are none. An unstable or
     * too light load is not looked at (an empty produce bag is not produce).
     */
    public Candidates recognise(Mat frame, WeightReading weight, Collection<Plu> priceBook) {
        enter();
        try {
            synchronized (this) {
                return look(frame, weight, priceBook);
            }
        } finally {
            leave();
        }
    }

    private Candidates look(Mat frame, WeightReading weight, Collection<Plu> priceBook) {
        if (!weight.priceable()) return Candidates.none(Candidates.Outcome.NOTHING, "weight not stable", null, null);
        if (weight.netMg() < config.minWeightMg()) {
            return Candidates.none(Candidates.Outcome.NOTHING,
                    "load of " + weight.netMg() / 1000 + " g is below " + config.minWeightMg() / 1000 + " g", null, null);
        }
        PlatterView.Look look = platter.look(frame);
        if (look.status() == PlatterView.Look.Status.EMPTY) {
            return Candidates.none(Candidates.Outcome.NOTHING,
                    String.format("nothing seen on the platter (%.1f %% changed)", look.changedFraction() * 100), null, null);
        }
        try {
            return recognizer.recognise(look.crop(), look.mask(), priceBook);
        } finally {
            look.release(); // a thumbnail the candidates keep holds its own reference to the crop
        }
    }

    /** The gallery learns from a sale as far as it can trust it ({@link Recognizer#confirm}). */
    public com.freshscale.recognition.LearningRule.Decision confirm(Plu plu, Candidates seen, boolean flagged,
                                                                     java.util.function.ToLongFunction<Plu> unitPrice) {
        enter();
        try {
            return recognizer.confirm(plu, seen, flagged, unitPrice);
        } finally {
            leave();
        }
    }

    /** Teaches {@code plu} from frames of it on the platter (each cropped like a sale). */
    public int teach(Plu plu, Collection<Mat> frames) {
        enter();
        try {
            synchronized (this) {
                return teachNow(plu, frames);
            }
        } finally {
            leave();
        }
    }

    private int teachNow(Plu plu, Collection<Mat> frames) {
        java.util.List<Mat> crops = new java.util.ArrayList<>();
        for (Mat f : frames) {
            PlatterView.Look look = platter.look(f);
            if (look.status() == PlatterView.Look.Status.ITEM) {
                crops.add(look.crop());
                look.mask().release();
            }
        }
        try {
            if (crops.isEmpty()) throw new IllegalArgumentException("no item seen on the platter in any of the pictures");
            return recognizer.teach(plu, crops);
        } finally {
            crops.forEach(Mat::release); // the gallery keeps their JPEGs
        }
    }

    public MismatchRule mismatchRule() {
        return mismatch;
    }

    public Recognizer recognizer() {
        return recognizer;
    }

    /** Retires the stage: the model is closed now if no call uses it, else when the last one leaves. */
    @Override
    public void close() {
        boolean close;
        synchronized (useLock) {
            retired = true;
            close = users == 0 && !modelClosed;
            if (close) modelClosed = true;
        }
        if (close) closeModel();
    }

    private void closeModel() {
        String id = Recognizer.modelId(recognizer.model());
        recognizer.model().close();
        log.info("model {} closed", id);
    }
}
