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
        platter.learnEmpty(frame);
    }

    /**
     * A frame of the platter with {@code weight} on it: candidates, or why there are none. An unstable or
     * too light load is not looked at (an empty produce bag is not produce).
     */
    public synchronized Candidates recognise(Mat frame, WeightReading weight, Collection<Plu> priceBook) {
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
        return recognizer.recognise(look.crop(), look.mask(), priceBook);
    }

    /** The gallery learns from a sale as far as it can trust it ({@link Recognizer#confirm}). */
    public com.freshscale.recognition.LearningRule.Decision confirm(Plu plu, Candidates seen, boolean flagged,
                                                                     java.util.function.ToLongFunction<Plu> unitPrice) {
        return recognizer.confirm(plu, seen, flagged, unitPrice);
    }

    /** Teaches {@code plu} from frames of it on the platter (each cropped like a sale). */
    public synchronized int teach(Plu plu, Collection<Mat> frames) {
        java.util.List<Mat> crops = new java.util.ArrayList<>();
        for (Mat f : frames) {
            PlatterView.Look look = platter.look(f);
            if (look.status() == PlatterView.Look.Status.ITEM) crops.add(look.crop());
        }
        if (crops.isEmpty()) throw new IllegalArgumentException("no item seen on the platter in any of the pictures");
        return recognizer.teach(plu, crops);
    }

    public MismatchRule mismatchRule() {
        return mismatch;
    }

    public Recognizer recognizer() {
        return recognizer;
    }

    @Override
    public void close() {
        recognizer.model().close();
    }
}
