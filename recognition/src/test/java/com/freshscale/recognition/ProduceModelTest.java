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
        Architecture a = Architecture.tiny();
        ModelSpec spec = new ModelSpec("t", "2026-01-01T00:00:00Z", 40, 32, new float[] {0.5f, 0.4f, 0.3f},
                new float[] {0.25f, 0.25f, 0.25f}, true, a, List.of("a", "b", "c"), List.of("x", "y"), List.of(0, 0, 1));
        Model m = Model.newInstance("t", ProduceModel.ENGINE);
        m.setBlock(ProduceNet.build(a, 3, 2));
        m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 32, 32));
        model = ProduceModel.of(spec, m);
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
    void theFoldedNetworkTheScaleLoadsPredictsWhatTheTrainedOneDoes(@TempDir Path dir) throws Exception {
        // batch norms with statistics far from the identity, so that a wrong fold (or a wrong ε) shows
        Architecture a = Architecture.tiny();
        ModelSpec spec = new ModelSpec("folded", "2026-01-01T00:00:00Z", 40, 32, new float[] {0.5f, 0.4f, 0.3f},
                new float[] {0.25f, 0.25f, 0.25f}, false, a, List.of("a", "b", "c"), List.of("x", "y"), List.of(0, 0, 1));
        try (Model trained = Model.newInstance("folded", ProduceModel.ENGINE)) {
            trained.setBlock(ProduceNet.build(a, 3, 2));
            trained.getBlock().initialize(trained.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 32, 32));
            Random rnd = new Random(9);
            int norms = 0;
            for (var p : trained.getBlock().getParameters()) {
                String name = p.getKey();
                long n = p.getValue().getArray().size();
                float[] v = new float[(int) n];
                if (name.endsWith("runningVar")) {
                    for (int i = 0; i < n; i++) v[i] = 0.005f + rnd.nextFloat() * 2;
                    norms++;
                } else if (name.endsWith("runningMean") || name.endsWith("beta")) {
                    for (int i = 0; i < n; i++) v[i] = (float) rnd.nextGaussian() * 0.5f;
                } else if (name.endsWith("gamma")) {
                    for (int i = 0; i < n; i++) v[i] = 0.5f + rnd.nextFloat();
                } else {
                    continue;
                }
                p.getValue().getArray().set(FloatBuffer.wrap(v));
            }
            assertThat(norms).isEqualTo(7); // stem + 2 residual blocks × (2 + projection)
            trained.setProperty("Epoch", "0");
            trained.save(dir, "folded");
            spec.write(dir.resolve(ModelSpec.FILE));
            ProduceModel asTrained = ProduceModel.of(spec, trained);
            try (ProduceModel loaded = ProduceModel.load(dir)) {
                assertThat(loaded.parameterCount()).isEqualTo(asTrained.parameterCount());
                for (int size : new int[] {32, 90}) {
                    Prediction expected = asTrained.predict(plum(size));
                    Prediction actual = loaded.predict(plum(size));
                    assertThat(actual.probabilities()).containsExactly(expected.probabilities(), org.assertj.core.data.Offset.offset(1e-4f));
                    assertThat(actual.embedding()).containsExactly(expected.embedding(), org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }
    }

    @Test
    void anInputOfTheWrongSizeIsAClearError() {
        assertThatThrownBy(() -> model.predictInputs(List.of(new float[7]))).hasMessageContaining("expects 3072");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "flip TTA {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aCommitteeAveragesItsMembersProbabilitiesAndJoinsTheirEmbeddings(boolean flip, @TempDir Path dir) throws Exception {
        // with flip TTA the second member sees the mirror image: compare with b on a mirrored plum
        Architecture single = Architecture.tiny();
        Architecture pair = new Architecture(8, List.of(8, 16), List.of(1, 1), 16, 8f, 2);
        ModelSpec one = spec("one", single, false);
        ModelSpec two = spec("two", pair, flip);
        Random rnd = new Random(4);
        try (Model a = randomModel(one, rnd); Model b = randomModel(one, rnd); Model both = randomModel(two, rnd)) {
            // the committee's members carry a's and b's parameters
            var members = both.getBlock().getChildren();
            copy(a.getBlock(), members.valueAt(0));
            copy(b.getBlock(), members.valueAt(1));
            both.setProperty("Epoch", "0");
            both.save(dir, "two");
            two.write(dir.resolve(ModelSpec.FILE));
            ProduceModel pa = ProduceModel.of(one, a);
            ProduceModel pb = ProduceModel.of(one, b);
            try (ProduceModel loaded = ProduceModel.load(dir)) {
                assertThat(loaded.parameterCount()).isEqualTo(pa.parameterCount() + pb.parameterCount());
                assertThat(loaded.megaMacs()).isCloseTo(2 * pa.megaMacs(), within(1e-9));
                // per frame the committee runs once, with or without flip TTA; a single network with it twice
                assertThat(loaded.megaMacsPerFrame()).isCloseTo(loaded.megaMacs(), within(1e-9));
                assertThat(model.megaMacsPerFrame()).isCloseTo(2 * model.megaMacs(), within(1e-9));
                for (int size : new int[] {32, 90}) {
                    Prediction x = pa.predict(plum(size));
                    Mat seenByB = plum(size);
                    if (flip) org.opencv.core.Core.flip(seenByB, seenByB, 1);
                    Prediction y = pb.predict(seenByB);
                    Prediction c = loaded.predict(plum(size));
                    float[] mean = new float[3];
                    for (int i = 0; i < 3; i++) mean[i] = (x.probabilities()[i] + y.probabilities()[i]) / 2;
                    assertThat(c.probabilities()).containsExactly(mean, org.assertj.core.data.Offset.offset(1e-4f));
                    float[] joined = new float[32];
                    float r = (float) Math.sqrt(2);
                    for (int i = 0; i < 16; i++) {
                        joined[i] = x.embedding()[i] / r;
                        joined[16 + i] = y.embedding()[i] / r;
                    }
                    assertThat(c.embedding()).containsExactly(joined, org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }
    }

    @Test
    void aCommitteeKeepsTheGallerysEmbeddingLength() {
        Architecture two = Architecture.standard().committee(2);
        assertThat(two.members()).isEqualTo(2);
        assertThat(two.embeddingDim()).isEqualTo(64);
        assertThat(two.embeddingSize()).isEqualTo(Architecture.standard().embeddingSize());
        assertThatThrownBy(() -> Architecture.standard().committee(3)).hasMessageContaining("128-value embedding over 3");
        assertThatThrownBy(() -> new Architecture(8, List.of(8), List.of(1), 8, 8f, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ModelSpec spec(String name, Architecture a, boolean flip) {
        return new ModelSpec(name, "2026-01-01T00:00:00Z", 40, 32, new float[] {0.5f, 0.4f, 0.3f},
                new float[] {0.25f, 0.25f, 0.25f}, flip, a, List.of("a", "b", "c"), List.of("x", "y"), List.of(0, 0, 1));
    }

    /** A network of {@code spec} with random weights and batch-norm statistics away from the identity. */
    private static Model randomModel(ModelSpec spec, Random rnd) {
        Model m = Model.newInstance(spec.name(), ProduceModel.ENGINE);
        m.setBlock(ProduceNet.build(spec.architecture(), 3, 2));
        m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 32, 32));
        for (var p : m.getBlock().getParameters()) {
            long n = p.getValue().getArray().size();
            float[] v = new float[(int) n];
            boolean positive = p.getKey().endsWith("runningVar") || p.getKey().endsWith("gamma");
            for (int i = 0; i < n; i++) v[i] = positive ? 0.5f + rnd.nextFloat() : (float) rnd.nextGaussian() * 0.3f;
            p.getValue().getArray().set(FloatBuffer.wrap(v));
        }
        return m;
    }

    private static void copy(ai.djl.nn.Block from, ai.djl.nn.Block to) {
        var src = from.getParameters();
        var dst = to.getParameters();
        assertThat(dst.size()).isEqualTo(src.size());
        for (int i = 0; i < src.size(); i++) {
            dst.valueAt(i).getArray().set(FloatBuffer.wrap(src.valueAt(i).getArray().toFloatArray()));
        }
    }
}
