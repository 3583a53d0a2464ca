package com.freshscale.recognition;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained produce model ready to predict: the ONNX graph the trainer exported ({@link OnnxExport}) run by
 * ONNX Runtime, with the input spec and labels of {@code model.json}, warmed up. Safe for concurrent calls (an
 * ONNX Runtime session is). Model files: {@code model.json} and {@value #ONNX_FILE} in one folder, or under a
 * classpath prefix (the scale's fat jar). The DJL parameter file beside them is the trainer's, not read here.
 *
 * <p>One thread per forward pass by default, as the recognition bench measures and as leaves the other cores
 * to the UI and sync; {@value #THREADS_PROPERTY} sets another count.
 */
public final class ProduceModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProduceModel.class);
    /** The exported graph, beside {@code model.json}. */
    public static final String ONNX_FILE = "model.onnx";
    /** System property: ONNX Runtime's intra-op threads per forward pass (default 1). */
    public static final String THREADS_PROPERTY = "freshscale.recognition.threads";
    private static final Set<String> OUTPUTS = Set.of(OnnxExport.FINE, OnnxExport.EMBEDDING);

    private final ModelSpec spec;
    private final OrtEnvironment env;
    private final OrtSession session;
    /** Each predicting thread's direct input buffer: ONNX Runtime reads a direct buffer in place, a heap one it copies. */
    private final ThreadLocal<FloatBuffer> input = ThreadLocal.withInitial(() -> FloatBuffer.allocate(0));

    private ProduceModel(ModelSpec spec, OrtEnvironment env, OrtSession session) {
        this.spec = spec;
        this.env = env;
        this.session = session;
    }

    /** Loads the model in {@code dir} ({@code model.json} + {@value #ONNX_FILE}). */
    public static ProduceModel load(Path dir) {
        Path specFile = dir.resolve(ModelSpec.FILE);
        if (!Files.isRegularFile(specFile)) throw new ModelException("no " + ModelSpec.FILE + " in model folder " + dir);
        ModelSpec spec = ModelSpec.read(specFile);
        Path onnx = dir.resolve(ONNX_FILE);
        if (!Files.isRegularFile(onnx)) {
            throw new ModelException("no " + ONNX_FILE + " in model folder " + dir + " (a model trained before the scale ran ONNX Runtime: export it with `models export`)");
        }
        try {
            return of(spec, Files.readAllBytes(onnx), onnx.toString());
        } catch (IOException e) {
            throw new ModelException("cannot read " + onnx + ": " + e.getMessage(), e);
        }
    }

    /** Loads the model shipped as resources under {@code prefix} (e.g. {@code /freshscale/model/produce}). */
    public static ProduceModel loadResource(String prefix) {
        ModelSpec spec;
        try (InputStream specIn = ProduceModel.class.getResourceAsStream(prefix + "/" + ModelSpec.FILE)) {
            if (specIn == null) throw new ModelException("no model resource " + prefix + "/" + ModelSpec.FILE);
            spec = ModelSpec.read(specIn, "classpath:" + prefix);
        } catch (IOException e) {
            throw new ModelException("cannot read model resource " + prefix + "/" + ModelSpec.FILE + ": " + e.getMessage(), e);
        }
        String onnx = prefix + "/" + ONNX_FILE;
        try (InputStream in = ProduceModel.class.getResourceAsStream(onnx)) {
            if (in == null) throw new ModelException("no model resource " + onnx);
            return of(spec, in.readAllBytes(), "classpath:" + onnx);
        } catch (IOException e) {
            throw new ModelException("cannot read model resource " + onnx + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the ONNX graph {@code onnx} (from {@link OnnxExport}) for {@code spec}; {@code origin} names it in
     * errors. The graph must take {@code N × 3 × S × S} and give as many fine logits as the spec has labels and
     * an embedding of the spec's length: a {@code model.onnx} of another training is refused here, not at the
     * first shopper.
     */
    public static ProduceModel of(ModelSpec spec, byte[] onnx, String origin) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnx, options);
        } catch (OrtException e) {
            throw new ModelException("cannot load " + origin + ": " + oneLine(e.getMessage()), e);
        }
        try {
            check(session, spec, origin);
        } catch (ModelException | OrtException e) {
            close(session);
            throw e instanceof ModelException me ? me : new ModelException("cannot load " + origin + ": " + oneLine(e.getMessage()), e);
        }
        ProduceModel m = new ProduceModel(spec, env, session);
        m.warmUp();
        return m;
    }

    private static void check(OrtSession session, ModelSpec spec, String origin) throws OrtException {
        int s = spec.inputSize();
        expect(session.getInputInfo(), OnnxExport.INPUT, new long[] {3, s, s}, origin, "input");
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        expect(outputs, OnnxExport.FINE, new long[] {spec.classes()}, origin, "fine labels");
        expect(outputs, OnnxExport.EMBEDDING, new long[] {spec.architecture().embeddingDim()}, origin, "embedding");
    }

    /** {@code name} is a float tensor of shape {@code [N, dims...]}; otherwise an error that says what differs. */
    private static void expect(Map<String, NodeInfo> infos, String name, long[] dims, String origin, String what) {
        NodeInfo info = infos.get(name);
        if (info == null || !(info.getInfo() instanceof TensorInfo t)) {
            throw new ModelException(origin + " has no tensor '" + name + "': not a graph written by OnnxExport");
        }
        long[] shape = t.getShape();
        long[] rest = shape.length == 0 ? shape : Arrays.copyOfRange(shape, 1, shape.length);
        if (!Arrays.equals(rest, dims)) {
            throw new ModelException(origin + " has " + what + " " + Arrays.toString(rest) + ", " + ModelSpec.FILE
                    + " says " + Arrays.toString(dims) + ": the two files are not from one training");
        }
    }

    private static int threads() {
        String value = System.getProperty(THREADS_PROPERTY, "1");
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelException(THREADS_PROPERTY + " must be a whole number of threads of at least 1, got '" + value + "'");
    }

    /** ONNX Runtime's messages can span lines (a status code, then the parser's report): one line for the log. */
    private static String oneLine(String message) {
        return message == null ? "no reason given" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The engine and its version, e.g. {@code ONNX Runtime 1.20.0}. */
    public static String engine() {
        return "ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion();
    }

    /**
     * The first runs allocate and pick kernels, per input shape; pay that at start-up, not on the first shopper:
     * with the batch {@link #predict} runs (two views with flip TTA) and a single image.
     */
    private void warmUp() {
        long t0 = System.nanoTime();
        float[] zeros = new float[3 * spec.inputSize() * spec.inputSize()];
        for (int i = 0; i < 3; i++) {
            predictInputs(List.of(zeros));
            if (spec.flipTta()) predictInputs(List.of(zeros, zeros));
        }
        log.info("model '{}' ready: {} labels, {} parameters, input {} px, warm-up {} ms", spec.name(),
                spec.classes(), parameterCount(), spec.inputSize(), (System.nanoTime() - t0) / 1_000_000);
    }

    public ModelSpec spec() {
        return spec;
    }

    /** Trained parameters of the network (backbone convolutions, head), from the architecture in {@code model.json}. */
    public long parameterCount() {
        return Complexity.parameters(spec);
    }

    /** Multiply-accumulate operations of one forward pass (convolutions and linear layers), in millions. */
    public double megaMacs() {
        return Complexity.megaMacs(spec);
    }

    /** Multiply-accumulates {@link #predict} spends on one frame, in millions: twice the network with flip TTA. */
    public double megaMacsPerFrame() {
        return megaMacs() * (spec.flipTta() ? 2 : 1);
    }

    /** Predicts one 8-bit BGR image of any size (preprocessing included), with flip TTA if the spec says so. */
    public Prediction predict(Mat bgr) {
        Mat centre = Preprocessing.centre(bgr, spec);
        byte[] px = Preprocessing.pixels(centre); // resized and read once for both views
        centre.release(); // native memory the Java heap does not count: freed now, not at the next collection
        int s = spec.inputSize();
        float[] input = Preprocessing.toPlanes(px, s, s, spec.mean(), spec.std(), false);
        if (!spec.flipTta()) return predictInputs(List.of(input)).get(0);
        float[] mirrored = Preprocessing.toPlanes(px, s, s, spec.mean(), spec.std(), true);
        return merge(predictInputs(List.of(input, mirrored)));
    }

    /** Runs the network on preprocessed inputs (CHW floats), one prediction each. */
    public List<Prediction> predictInputs(List<float[]> inputs) {
        int s = spec.inputSize();
        int plane = 3 * s * s;
        FloatBuffer batch = inputBuffer(inputs.size() * plane);
        for (float[] in : inputs) {
            if (in.length != plane) throw new IllegalArgumentException("input has " + in.length + " values, the model expects " + plane);
            batch.put(in);
        }
        batch.flip();
        float[] logits;
        float[] emb;
        try (OnnxTensor x = OnnxTensor.createTensor(env, batch, new long[] {inputs.size(), 3, s, s});
             OrtSession.Result out = session.run(Map.of(OnnxExport.INPUT, x), OUTPUTS)) {
            logits = floats(out, OnnxExport.FINE);
            emb = floats(out, OnnxExport.EMBEDDING);
        } catch (OrtException e) {
            throw new ModelException("inference failed: " + oneLine(e.getMessage()), e);
        }
        int k = spec.classes();
        int d = spec.architecture().embeddingDim();
        List<Prediction> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            result.add(new Prediction(Ranking.softmax(Arrays.copyOfRange(logits, i * k, (i + 1) * k)),
                    Arrays.copyOfRange(emb, i * d, (i + 1) * d)));
        }
        return result;
    }

    /** This thread's direct buffer, grown to at least {@code floats}, cleared. */
    private FloatBuffer inputBuffer(int floats) {
        FloatBuffer b = input.get();
        if (b.capacity() < floats) {
            b = ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            input.set(b);
        }
        b.clear().limit(floats);
        return b;
    }

    private static float[] floats(OrtSession.Result out, String name) {
        FloatBuffer b = ((OnnxTensor) out.get(name).orElseThrow()).getFloatBuffer();
        float[] f = new float[b.remaining()];
        b.get(f);
        return f;
    }

    /** Test-time augmentation: mean of the probabilities, normalised mean of the embeddings. */
    static Prediction merge(List<Prediction> views) {
        int k = views.get(0).probabilities().length;
        int d = views.get(0).embedding().length;
        float[] p = new float[k];
        float[] e = new float[d];
        for (Prediction v : views) {
            for (int i = 0; i < k; i++) p[i] += v.probabilities()[i] / views.size();
            for (int i = 0; i < d; i++) e[i] += v.embedding()[i];
        }
        return new Prediction(p, Ranking.l2Normalised(e));
    }

    private static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            log.warn("closing an ONNX Runtime session: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        close(session);
    }
}
