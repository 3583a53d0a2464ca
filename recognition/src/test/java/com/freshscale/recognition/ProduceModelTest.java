package com.freshscale.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Random;
import java.util.List;
import java.util.concurrent.Callable;
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

/** The predictor the scale uses, on a tiny randomly initialised network (no trained model needed). */
class ProduceModelTest {
    static ProduceModel model;

    @BeforeAll
    static void open() {
        System.setProperty("ai.djl.offline", "true");
        OpenCv.load();
        model = ProduceModel.of(spec("t", true), randomModel(spec("t", true)));
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
    void aPredictionOnAnotherThreadGivesTheSameAnswerAndLeavesTheThreadsGradModeAsItFoundIt() throws Exception {
        Prediction here = model.predict(plum(64));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Object[]>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Callable<Object[]> task = () -> {
                    // libtorch's grad mode is per thread and on by default: the model must switch it off for
                    // its own call and leave the thread as it found it
                    JniUtils.setGradMode(true); // what libtorch starts a new thread with
                    boolean before = JniUtils.isGradMode();
                    Prediction p = model.predict(plum(64));
                    return new Object[] {before, JniUtils.isGradMode(), p};
                };
                results.add(pool.submit(task));
            }
            for (Future<Object[]> f : results) {
                Object[] r = f.get();
                assertThat(r[1]).isEqualTo(r[0]);
                assertThat(((Prediction) r[2]).probabilities())
                        .containsExactly(here.probabilities(), org.assertj.core.data.Offset.offset(1e-5f));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theSavedModelLoadsAndPredictsWhatTheTrainedOneDoes(@TempDir Path dir) throws Exception {
        ModelSpec spec = spec("saved", false);
        try (Model trained = randomModel(spec)) {
            trained.setProperty("Epoch", "0");
            trained.save(dir, "saved");
            spec.write(dir.resolve(ModelSpec.FILE));
            ProduceModel asTrained = ProduceModel.of(spec, trained);
            try (ProduceModel loaded = ProduceModel.load(dir)) {
                assertThat(loaded.parameterCount()).isEqualTo(asTrained.parameterCount()).isGreaterThan(2_000_000);
                assertThat(loaded.spec().architecture().backbone().sha256()).isEqualTo(spec.architecture().backbone().sha256());
                for (int size : new int[] {32, 90}) {
                    Prediction expected = asTrained.predict(plum(size));
                    Prediction actual = loaded.predict(plum(size));
                    assertThat(actual.probabilities()).containsExactly(expected.probabilities(), org.assertj.core.data.Offset.offset(1e-5f));
                    assertThat(actual.embedding()).containsExactly(expected.embedding(), org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }

    @Test
    void anInputOfTheWrongSizeIsAClearError() {
        assertThatThrownBy(() -> model.predictInputs(List.of(new float[7]))).hasMessageContaining("expects 3072");
    }

    @Test
    void flipTtaAveragesTheImageAndItsMirrorImageAtTwiceTheCost() {
        try (ProduceModel single = ProduceModel.of(spec("t", false), randomModel(spec("t", false)))) {
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
        assertThat(MobileNetV2.megaMacs(224)).isCloseTo(299.5, within(1.0));
    }

    static final Architecture ARCH = new Architecture(new Architecture.Backbone(Architecture.Backbone.MOBILENET_V2,
            "models/backbone/mobilenet-v2-imagenet/mobilenet_v2_1.0_224_quant.tflite", "51e8256b"), 16, 8f);

    private static ModelSpec spec(String name, boolean flip) {
        return new ModelSpec(name, "2026-01-01T00:00:00Z", 40, 32, new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f}, flip, ARCH, List.of("a", "b", "c"), List.of("x", "y"), List.of(0, 0, 1));
    }

    /** A network of {@code spec}: the pretrained backbone's weights and a head with seeded random weights. */
    private static Model randomModel(ModelSpec spec) {
        Model m = Model.newInstance(spec.name(), ProduceModel.ENGINE);
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
