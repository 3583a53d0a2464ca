package com.freshscale.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Random;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * The predictor the scale uses (ONNX Runtime on the exported graph), on a tiny network: the pretrained backbone
 * and a randomly initialised head (no trained model needed).
 */
class ProduceModelTest {
    static ProduceModel model;

    @BeforeAll
    static void open() {
        System.setProperty("ai.djl.offline", "true");
        OpenCv.load();
        model = exported(spec("t", true));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static Mat plum(int size) {
        Mat m = new Mat(size, size, CvType.CV_8UC3, new Scalar(120, 120, 120));
        Imgproc.circle(m, new Point(size * 0.4, size * 0.5), size / 4, new Scalar(90, 20, 110), -1);
        return m;
    }

    @Test
    void predictsOneDistributionAndAUnitEmbeddingWhateverTheImageSize() {
        for (int size : new int[] {32, 40, 333}) {
            Prediction p = model.predict(plum(size));
            double sum = 0;
            for (float v : p.probabilities()) sum += v;
            assertThat(sum).isCloseTo(1.0, within(1e-4));
            double norm = 0;
            for (float v : p.embedding()) norm += v * v;
            assertThat(norm).isCloseTo(1.0, within(1e-3));
        }
    }

    @Test
    void theReusedInputBufferDoesNotLeakOneCallIntoTheNext() {
        // same image alone, after a batch of two, and after a different image: the same answer each time
        Prediction first = model.predict(plum(64));
        Mat other = new Mat(64, 64, CvType.CV_8UC3, new Scalar(10, 200, 240));
        model.predictInputs(List.of(new float[3 * 32 * 32], new float[3 * 32 * 32]));
        model.predict(other);
        Prediction again = model.predict(plum(64));
        assertThat(again.probabilities()).containsExactly(first.probabilities(), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(again.embedding()).containsExactly(first.embedding(), org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void predictionsOnSeveralThreadsAtOnceGiveTheSameAnswer() throws Exception {
        Prediction here = model.predict(plum(64));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Prediction>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) results.add(pool.submit(() -> model.predict(plum(64))));
            for (Future<Prediction> f : results) {
                assertThat(f.get().probabilities()).containsExactly(here.probabilities(), org.assertj.core.data.Offset.offset(1e-5f));
                assertThat(f.get().embedding()).containsExactly(here.embedding(), org.assertj.core.data.Offset.offset(1e-5f));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theSavedFolderLoadsAndPredictsWhatTheDjlNetworkComputes(@TempDir Path dir) throws Exception {
        ModelSpec spec = spec("saved", false);
        try (Model trained = randomModel(spec)) {
            save(trained, spec, dir);
            long djlParameters = 0;
            for (var p : trained.getBlock().getParameters().values()) djlParameters += p.getArray().size();
            try (ProduceModel loaded = ProduceModel.load(dir)) {
                assertThat(loaded.parameterCount()).isEqualTo(djlParameters).isGreaterThan(2_000_000);
                assertThat(loaded.spec().architecture().backbone().sha256()).isEqualTo(spec.architecture().backbone().sha256());
                for (int size : new int[] {32, 90}) {
                    float[] in = Preprocessing.toPlanes(Preprocessing.centre(plum(size), spec), spec.mean(), spec.std(), false);
                    float[][] djl = OnnxExportTest.pyTorch(trained, in, 1, spec.inputSize());
                    Prediction actual = loaded.predict(plum(size));
                    assertThat(actual.probabilities()).containsExactly(Ranking.softmax(djl[ProduceNet.FINE]), org.assertj.core.data.Offset.offset(1e-5f));
                    assertThat(actual.embedding()).containsExactly(djl[ProduceNet.EMBEDDING], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }

    @Test
    void aFolderWithoutModelOnnxIsAOneLineErrorNamingTheFile(@TempDir Path dir) throws Exception {
        ModelSpec spec = spec("old", false);
        spec.write(dir.resolve(ModelSpec.FILE));
        assertThatThrownBy(() -> ProduceModel.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("no model.onnx in model folder " + dir)
                .hasMessageNotContaining("\n");
    }

    @Test
    void aCorruptModelOnnxIsAOneLineErrorNamingTheFile(@TempDir Path dir) throws Exception {
        ModelSpec spec = spec("bad", false);
        spec.write(dir.resolve(ModelSpec.FILE));
        try (Model trained = randomModel(spec)) {
            byte[] onnx = OnnxExport.export(trained.getBlock(), spec);
            Files.write(dir.resolve(ProduceModel.ONNX_FILE), java.util.Arrays.copyOf(onnx, onnx.length / 2)); // cut short, as by a full disk
        }
        assertThatThrownBy(() -> ProduceModel.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("cannot load " + dir.resolve(ProduceModel.ONNX_FILE) + ": ")
                .hasMessageNotContaining("\n");
        Files.write(dir.resolve(ProduceModel.ONNX_FILE), "not a model".getBytes());
        assertThatThrownBy(() -> ProduceModel.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("cannot load " + dir.resolve(ProduceModel.ONNX_FILE) + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aModelOnnxOfAnotherTrainingIsRefusedAtLoad(@TempDir Path dir) throws Exception {
        // model.json with four labels beside a graph of three
        ModelSpec three = spec("t", false);
        try (Model trained = randomModel(three)) {
            save(trained, three, dir);
        }
        new ModelSpec("t", "2026-01-02T00:00:00Z", 40, 32, three.mean(), three.std(), false, ARCH,
                List.of("a", "b", "c", "d"), List.of("x", "y"), List.of(0, 0, 1, 1)).write(dir.resolve(ModelSpec.FILE));
        assertThatThrownBy(() -> ProduceModel.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("has fine labels [3], model.json says [4]: the two files are not from one training");
    }

    @Test
    void aThreadCountThatIsNoNumberIsAClearError() {
        String old = System.getProperty(ProduceModel.THREADS_PROPERTY);
        System.setProperty(ProduceModel.THREADS_PROPERTY, "two");
        try {
            assertThatThrownBy(() -> exported(spec("t", false)))
                    .isInstanceOf(ModelException.class)
                    .hasMessage(ProduceModel.THREADS_PROPERTY + " must be a whole number of threads of at least 1, got 'two'");
        } finally {
            if (old == null) System.clearProperty(ProduceModel.THREADS_PROPERTY);
            else System.setProperty(ProduceModel.THREADS_PROPERTY, old);
        }
    }

    @Test
    void anInputOfTheWrongSizeIsAClearError() {
        assertThatThrownBy(() -> model.predictInputs(List.of(new float[7]))).hasMessageContaining("expects 3072");
    }

    @Test
    void flipTtaAveragesTheImageAndItsMirrorImageAtTwiceTheCost() {
        try (ProduceModel single = exported(spec("t", false))) {
            Mat img = plum(90);
            Mat mirrored = new Mat();
            org.opencv.core.Core.flip(img, mirrored, 1);
            Prediction a = single.predict(img);
            Prediction b = single.predict(mirrored);
            // same weights (same seed) in both models
            Prediction both = model.predict(img);
            float[] mean = new float[3];
            for (int i = 0; i < 3; i++) mean[i] = (a.probabilities()[i] + b.probabilities()[i]) / 2;
            assertThat(both.probabilities()).containsExactly(mean, org.assertj.core.data.Offset.offset(1e-4f));
            assertThat(model.megaMacsPerFrame()).isCloseTo(2 * single.megaMacsPerFrame(), within(1e-9));
        }
    }

    @Test
    void aSpecForAnotherBackboneOrAnInputSizeTheStridesCannotTakeIsRefused() {
        assertThatThrownBy(() -> new Architecture.Backbone("resnet-50", "x.tflite", "00"))
                .hasMessageContaining("unknown backbone network 'resnet-50'");
        // 48 px reaches 3 px before MobileNetV2's fifth stride-2 layer
        assertThatThrownBy(() -> new ModelSpec("x", "2026-01-01T00:00:00Z", 56, 48, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f}, false, ARCH, List.of("a", "b", "c"), List.of("x", "y"), List.of(0, 0, 1)))
                .hasMessageContaining("multiple of 32");
    }

    @Test
    void theModelCostsWhatMobileNetV2Costs() {
        // Sandler et al. 2018, table 4: 300 M multiply-adds at 224 px (the README of the backbone: 299.5 M to the pooled features)
        assertThat(MobileNetV2Layers.megaMacs(224)).isCloseTo(299.5, within(1.0));
    }

    @Test
    void theLayerTableIsTheNetworkDjlBuilds() {
        var built = MobileNetV2.build().layers();
        var table = MobileNetV2Layers.convs();
        assertThat(table).hasSameSizeAs(built);
        for (int i = 0; i < table.size(); i++) {
            var l = built.get(i);
            assertThat(table.get(i)).isEqualTo(new MobileNetV2Layers.Conv(l.kind(), l.in(), l.out(), l.kernel(), l.stride(), l.relu6()));
        }
    }

    static final Architecture ARCH = new Architecture(new Architecture.Backbone(Architecture.Backbone.MOBILENET_V2,
            "models/backbone/mobilenet-v2-imagenet/mobilenet_v2_1.0_224_quant.tflite", "51e8256b"), 16, 8f);

    private static ModelSpec spec(String name, boolean flip) {
        return new ModelSpec(name, "2026-01-01T00:00:00Z", 40, 32, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f}, flip, ARCH, List.of("a", "b", "c"), List.of("x", "y"), List.of(0, 0, 1));
    }

    /** {@link #randomModel} exported to ONNX and opened as the scale opens it. */
    private static ProduceModel exported(ModelSpec spec) {
        try (Model m = randomModel(spec)) {
            return ProduceModel.of(spec, OnnxExport.export(m.getBlock(), spec), "test:" + spec.name());
        }
    }

    /** A model folder as the trainer writes it: DJL parameters, model.json, model.onnx. */
    private static void save(Model trained, ModelSpec spec, Path dir) throws Exception {
        trained.setProperty("Epoch", "0");
        trained.save(dir, spec.name());
        spec.write(dir.resolve(ModelSpec.FILE));
        OnnxExport.write(dir, dir.resolve(ProduceModel.ONNX_FILE));
    }

    /** A network of {@code spec}: the pretrained backbone's weights and a head with seeded random weights. */
    private static Model randomModel(ModelSpec spec) {
        Model m = Model.newInstance(spec.name(), ProduceNet.ENGINE);
        m.setBlock(ProduceNet.build(spec.architecture(), 3, 2));
        m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 32, 32));
        TfliteBackbone.read(TfliteBackboneTest.FILE).applyTo(ProduceNet.features(m.getBlock()));
        Random rnd = new Random(4);
        for (var p : ProduceNet.head(m.getBlock()).getParameters()) {
            long n = p.getValue().getArray().size();
            float[] v = new float[(int) n];
            for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian() * 0.3f;
            p.getValue().getArray().set(FloatBuffer.wrap(v));
        }
        return m;
    }
}
