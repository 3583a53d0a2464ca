package com.freshscale.device.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.device.vision.RecognitionConfig;
import com.freshscale.device.vision.VisionStage;
import com.freshscale.recognition.ModelException;
import com.freshscale.recognition.OpenCv;
import com.freshscale.recognition.Prediction;
import com.freshscale.recognition.ProduceModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recognise --image FILE}: loads the produce model and says what it sees in one photo — the
 * technician's check that the model, the ONNX Runtime natives and OpenCV work on this machine (and the CI's on an
 * emulated Raspberry Pi CPU). The model alone: no platter crop, no store gallery.
 */
@Command(name = "recognise", aliases = "recognize", mixinStandardHelpOptions = true,
        description = {"Load the produce model and print its top labels for one photo.",
                "The LAST stdout line is one JSON object: model, engine, arch, load_ms, predict_ms, top[{label, p}]."})
final class RecogniseCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--image", required = true, description = "photo of produce (JPEG, PNG, BMP...)")
    Path image;

    @Option(names = "--model", defaultValue = RecognitionConfig.BUNDLED,
            description = "'bundled' (the model in this jar) or a model folder (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--top", defaultValue = "5", description = "how many labels to print (default: ${DEFAULT-VALUE})")
    int top;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out);
        } catch (IllegalArgumentException | ModelException e) {
            err.println("recognise: " + e.getMessage());
            err.flush();
            return CommandErrors.FAILED;
        }
    }

    private int run(PrintWriter out) throws Exception {
        if (top < 1) throw new IllegalArgumentException("--top must be at least 1, got " + top);
        if (!Files.isRegularFile(image)) throw new IllegalArgumentException("no image file at " + image);
        OpenCv.load();
        Mat photo = Imgcodecs.imread(image.toString());
        if (photo.empty()) throw new IllegalArgumentException("cannot read " + image + " as an image");

        long t0 = System.nanoTime();
        try (ProduceModel m = VisionStage.loadModel(model)) {
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            String engine = ProduceModel.engine();
            String arch = System.getProperty("os.arch");
            List<String> labels = m.spec().labels();
            out.printf(Locale.ROOT, "model '%s' (%s): %d labels, input %d px, loaded in %d ms; %s on %s%n",
                    m.spec().name(), model, labels.size(), m.spec().inputSize(), loadMs, engine, arch);

            long t1 = System.nanoTime();
            Prediction p = m.predict(photo);
            long predictMs = (System.nanoTime() - t1) / 1_000_000;
            out.printf(Locale.ROOT, "%s (%dx%d), predicted in %d ms:%n", image.getFileName(), photo.cols(), photo.rows(), predictMs);
            List<Map<String, Object>> ranked = new ArrayList<>();
            int rank = 0;
            for (int id : p.topK(top)) {
                float prob = p.probabilities()[id];
                out.printf(Locale.ROOT, "  %d. %-24s %6.2f %%%n", ++rank, labels.get(id), prob * 100);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("label", labels.get(id));
                e.put("p", Math.round(prob * 1e6) / 1e6);
                ranked.add(e);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("image", image.toString());
            r.put("model", m.spec().name());
            r.put("engine", engine);
            r.put("arch", arch);
            r.put("load_ms", loadMs);
            r.put("predict_ms", predictMs);
            r.put("top", ranked);
            out.println(JSON.writeValueAsString(r));
            out.flush();
            return 0;
        }
    }
}
