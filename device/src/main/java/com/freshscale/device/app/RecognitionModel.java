package com.freshscale.device.app;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.vision.RecognitionConfig;
import com.freshscale.device.vision.Recognizer;
import com.freshscale.device.vision.VisionStage;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recognition model in use and the one thread that runs it ({@code recognition}): loading, reloading
 * on HQ's RELOAD_MODEL, and every recognition, teaching and gallery update run on that thread, so no
 * recognition is half on an old model and half on a new one.
 */
final class RecognitionModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RecognitionModel.class);

    /** Told on the recognition thread after each load attempt; {@code newStage} when another model is now in use. */
    interface Listener {
        void modelChanged(boolean newStage);
    }

    private final DeviceDatabase db;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> ScaleApp.daemon(r, "recognition"));
    private volatile VisionStage stage;
    private volatile String problem = "recognition is starting";
    private volatile Instant loadedAt;

    RecognitionModel(DeviceDatabase db) {
        this.db = db;
    }

    /**
     * Loads the model (at start, and again on RELOAD_MODEL after a new model folder was put in place,
     * hardware-docs/deploy.md). A reload loads beside the running model and switches only when it loaded:
     * a broken model keeps the working one in use. Without any model, shoppers choose from the list.
     */
    void load(RecognitionConfig rc, Listener listener) {
        thread.execute(() -> {
            VisionStage old = stage;
            boolean changed = false;
            try {
                VisionStage next = VisionStage.open(rc, db);
                stage = next;
                loadedAt = Instant.now();
                problem = null;
                changed = true;
                if (old != null) old.close();
                // VisionStage has said "vision ready" with the model and its gallery: one line per component
                log.debug("recognition ready: model {}", Recognizer.modelId(next.recognizer().model()));
            } catch (RuntimeException e) {
                if (old == null) {
                    problem = "recognition unavailable: " + e.getMessage();
                    log.error("{}; shoppers choose from the list", problem);
                } else {
                    log.error("model reload failed, the scale keeps {}: {}", Recognizer.modelId(old.recognizer().model()), e.getMessage());
                }
            }
            listener.modelChanged(changed);
        });
    }

    /** The stage in use, or null while none is loaded. */
    VisionStage stage() {
        return stage;
    }

    /** Why there is no model, or null. */
    String problem() {
        return problem;
    }

    /** When the model in use was loaded, or null. */
    Instant loadedAt() {
        return loadedAt;
    }

    /** The id of the model in use, or null. */
    String modelId() {
        VisionStage v = stage;
        return v == null ? null : Recognizer.modelId(v.recognizer().model());
    }

    /** Runs {@code task} on the recognition thread. */
    void execute(Runnable task) {
        thread.execute(task);
    }

    void shutdown() {
        thread.shutdown();
    }

    void awaitTermination() throws InterruptedException {
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        VisionStage v = stage;
        if (v != null) v.close();
    }
}
