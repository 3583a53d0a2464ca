package com.freshscale.recognition;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.nn.Block;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained produce model ready to predict: the network built from {@code model.json}, its parameters
 * loaded, warmed up. Safe for concurrent calls: DJL predictors are not thread-safe, so each call borrows one
 * from a pool (one per concurrently predicting thread). Model files: {@code model.json} and
 * {@code <name>-0000.params} in one folder, or under a classpath prefix (the scale's fat jar).
 */
public final class ProduceModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProduceModel.class);
    public static final String ENGINE = "PyTorch";

    private final ModelSpec spec;
    private final Model model;
    private final ConcurrentLinkedQueue<Worker> pool = new ConcurrentLinkedQueue<>();
    private final long parameterCount;

    private ProduceModel(ModelSpec spec, Model model, long parameterCount) {
        this.spec = spec;
        this.model = model;
        this.parameterCount = parameterCount;
    }

    /** Values in the parameter arrays of {@code block}. */
    private static long parameters(Block block) {
        long n = 0;
        for (var p : block.getParameters().values()) {
            if (p.isInitialized()) n += p.getArray().getShape().size();
        }
        return n;
    }

    /** Loads the model in {@code dir} ({@code model.json} + parameters). */
    public static ProduceModel load(Path dir) {
        Path specFile = dir.resolve(ModelSpec.FILE);
        if (!Files.isRegularFile(specFile)) throw new ModelException("no " + ModelSpec.FILE + " in model folder " + dir);
        ModelSpec spec = ModelSpec.read(specFile);
        return open(spec, dir);
    }

    /**
     * Loads the model shipped as resources under {@code prefix} (e.g. {@code /freshscale/model/produce}).
     * DJL reads parameters from a folder, so the two files are copied to a private temporary folder first.
     */
    public static ProduceModel loadResource(String prefix) {
        try (InputStream specIn = ProduceModel.class.getResourceAsStream(prefix + "/" + ModelSpec.FILE)) {
            if (specIn == null) throw new ModelException("no model resource " + prefix + "/" + ModelSpec.FILE);
            ModelSpec spec = ModelSpec.read(specIn, "classpath:" + prefix);
            Path dir = Files.createTempDirectory("freshscale-model");
            dir.toFile().deleteOnExit();
            String params = spec.name() + "-0000.params";
            try (InputStream p = ProduceModel.class.getResourceAsStream(prefix + "/" + params)) {
                if (p == null) throw new ModelException("no model resource " + prefix + "/" + params);
                Path target = dir.resolve(params);
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().deleteOnExit();
            }
            return open(spec, dir);
        } catch (IOException e) {
            throw new ModelException("cannot read model resource " + prefix + ": " + e.getMessage(), e);
        }
    }

    private static ProduceModel open(ModelSpec spec, Path dir) {
        Model model = Model.newInstance(spec.name(), ENGINE);
        long parameters;
        try {
            Block net = ProduceNet.build(spec.architecture(), spec.classes(), spec.coarseLabels().size());
            model.setBlock(net);
            model.load(dir, spec.name());
            parameters = parameters(net);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelException("cannot load model '" + spec.name() + "' from " + dir + ": " + e.getMessage(), e);
        }
        ProduceModel m = new ProduceModel(spec, model, parameters);
        m.warmUp();
        return m;
    }

    /** Wraps a model already in memory (the trainer evaluating what it just trained). */
    public static ProduceModel of(ModelSpec spec, Model model) {
        return new ProduceModel(spec, model, parameters(model.getBlock()));
    }

    /**
     * The first PyTorch calls allocate and pick kernels, per input shape; pay that at start-up, not on the
     * first shopper: with the batch {@link #predict} runs (two views with flip TTA) and a single image.
     */
    private void warmUp() {
        long t0 = System.nanoTime();
        float[] zeros = new float[3 * spec.inputSize() * spec.inputSize()];
        for (int i = 0; i < 3; i++) {
            predictInputs(List.of(zeros));
            if (spec.flipTta()) predictInputs(List.of(zeros, zeros));
        }
        log.info("model '{}' ready: {} labels, {} parameters, input {} px, warm-up {} ms", spec.name(),
                spec.classes(), parameterCount, spec.inputSize(), (System.nanoTime() - t0) / 1_000_000);
    }

    public ModelSpec spec() {
        return spec;
    }

    public long parameterCount() {
        return parameterCount;
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
        int s = spec.inputSize();
        float[] input = Preprocessing.toPlanes(px, s, s, spec.mean(), spec.std(), false);
        if (!spec.flipTta()) return predictInputs(List.of(input)).get(0);
        float[] mirrored = Preprocessing.toPlanes(px, s, s, spec.mean(), spec.std(), true);
        return merge(predictInputs(List.of(input, mirrored)));
    }

    /**
     * One predictor (DJL predictors are not thread-safe) with its own direct input buffer: PyTorch reads a
     * direct buffer in place, so the batch is copied once, into memory that is reused, instead of being
     * concatenated, copied to a fresh direct buffer and freed on every call.
     */
    private static final class Worker {
        final Predictor<NDList, NDList> predictor;
        ByteBuffer input = ByteBuffer.allocateDirect(0);

        Worker(Predictor<NDList, NDList> predictor) {
            this.predictor = predictor;
        }

        ByteBuffer input(int floats) {
            if (input.capacity() < floats * 4) input = ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder());
            input.clear().limit(floats * 4);
            return input;
        }
    }

    /** Runs the network on preprocessed inputs (CHW floats), one prediction each. */
    public List<Prediction> predictInputs(List<float[]> inputs) {
        Worker worker = pool.poll();
        if (worker == null) worker = new Worker(model.newPredictor(new NoopTranslator()));
        // autograd is on by default on every thread but the one that started the engine: a prediction on
        // the kiosk's thread would otherwise record a backward graph it never uses
        boolean grad = JniUtils.isGradMode();
        if (grad) JniUtils.setGradMode(false);
        try (NDManager scope = model.getNDManager().newSubManager()) {
            int s = spec.inputSize();
            int plane = 3 * s * s;
            ByteBuffer bytes = worker.input(inputs.size() * plane);
            FloatBuffer floats = bytes.asFloatBuffer();
            for (float[] in : inputs) {
                if (in.length != plane) throw new IllegalArgumentException("input has " + in.length + " values, the model expects " + plane);
                floats.put(in);
            }
            NDArray x = scope.create(bytes, new Shape(inputs.size(), 3, s, s), DataType.FLOAT32);
            NDList out = worker.predictor.predict(new NDList(x));
            float[] logits = out.get(ProduceNet.FINE).toFloatArray();
            float[] emb = out.get(ProduceNet.EMBEDDING).toFloatArray();
            out.close();
            int k = spec.classes();
            int d = spec.architecture().embeddingDim();
            List<Prediction> result = new java.util.ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                result.add(new Prediction(Ranking.softmax(java.util.Arrays.copyOfRange(logits, i * k, (i + 1) * k)),
                        java.util.Arrays.copyOfRange(emb, i * d, (i + 1) * d)));
            }
            return result;
        } catch (TranslateException e) {
            throw new ModelException("inference failed: " + e.getMessage(), e);
        } finally {
            if (grad) JniUtils.setGradMode(true);
            pool.offer(worker);
        }
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

    @Override
    public void close() {
        Worker w;
        while ((w = pool.poll()) != null) w.predictor.close();
        model.close();
    }
}
