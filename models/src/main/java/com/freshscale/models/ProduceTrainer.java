package com.freshscale.models;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import ai.djl.training.util.ProgressBar;
import com.freshscale.recognition.Architecture;
import com.freshscale.recognition.EmbeddingHead;
import com.freshscale.recognition.MobileNetV2;
import com.freshscale.recognition.ModelSpec;
import com.freshscale.recognition.Prediction;
import com.freshscale.recognition.Preprocessing;
import com.freshscale.recognition.ProduceNet;
import com.freshscale.recognition.Ranking;
import com.freshscale.recognition.TfliteBackbone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes the produce network from the ImageNet-pretrained MobileNetV2 in two phases (the usual recipe
 * for transfer learning, e.g. Kornblith et al. 2019):
 * <ol>
 *   <li><b>head</b>: the backbone frozen; its pooled features of the centre crop and of a few augmented views
 *       of every training image are computed once, and {@link EmbeddingHead} alone is trained on them — many
 *       epochs in seconds, so that phase 2 starts from a head that already fits instead of sending random
 *       gradients into the pretrained weights;</li>
 *   <li><b>fine-tune</b>: the network from bottleneck block {@code firstTrainedBlock} up, on freshly
 *       augmented images, at a learning rate well below training from scratch (short warm-up, cosine decay),
 *       the head at a multiple of it. The stem and the first blocks (generic edges and textures at high
 *       resolution) stay as pretrained: on this CPU a backward pass through them costs ~5× the rest of the
 *       network (measured at 160 px, one thread: 250 against 45 ms per image), which would not fit the
 *       hour of training on two cores.</li>
 * </ol>
 * The backbone's batch norms are folded into its convolutions in the TFLite file, so there are no batch
 * statistics to keep or freeze. Each epoch ends with a validation pass (model alone, centre crop) for the
 * training curve; the model kept is the last epoch's, not the best on validation, so that the validation
 * figures stay an honest estimate.
 */
final class ProduceTrainer {
    private static final Logger log = LoggerFactory.getLogger(ProduceTrainer.class);
    private static final int HEAD_BATCH = 64;
    private static final float COSINE_SCALE = 16f;

    /** Per-epoch figures, for the curve and the log. */
    record Epoch(String phase, int epoch, double loss, double trainTop1, double valTop1, double valTop4, double seconds) {
    }

    /** The trained model (open; the caller closes it) and its history. */
    record Result(Model model, ModelSpec spec, List<Epoch> history) {
    }

    /** Bad steps (non-finite loss or gradient) in a row that mean the run diverged, not a glitch. */
    static final int MAX_BAD_STEPS_IN_A_ROW = 3;

    private final TrainingPlan plan;
    private final boolean progressBars;

    private final Path checkpoints;

    /** @param checkpoints folder to write a model folder into after phase 1 and after each fine-tuning epoch, or null */
    ProduceTrainer(TrainingPlan plan, boolean progressBars, Path checkpoints) {
        this.plan = plan;
        this.progressBars = progressBars;
        this.checkpoints = checkpoints;
    }

    Result train(GroceryDataset data, List<GroceryDataset.Sample> train, List<GroceryDataset.Sample> val,
                 String name, Path backboneFile) {
        TfliteBackbone backbone = TfliteBackbone.read(backboneFile);
        List<GroceryDataset.Sample> samples = new ArrayList<>(limit(train));
        if (plan.iconic()) samples.addAll(data.iconicSamples());
        log.info("decoding {} training and {} validation images at {} px", samples.size(), val.size(), plan.resizeSize());
        DecodedImages images = DecodedImages.decode(samples, plan.resizeSize());
        DecodedImages valImages = DecodedImages.decode(val, plan.resizeSize());

        float m = backbone.inputMean();
        float s = backbone.inputStd();
        Architecture arch = new Architecture(
                new Architecture.Backbone(Architecture.Backbone.MOBILENET_V2, backboneFile.normalize().toString().replace('\\', '/'), backbone.sha256()),
                plan.embeddingDim(), COSINE_SCALE);
        ModelSpec spec = new ModelSpec(name, java.time.Instant.now().toString(), plan.resizeSize(), plan.inputSize(),
                new float[] {m, m, m}, new float[] {s, s, s}, false, arch, data.labels(), data.coarseLabels(), data.coarseOf());
        Engine.getEngine(ProduceNet.ENGINE).setRandomSeed((int) plan.seed());
        Model model = Model.newInstance(name, ProduceNet.ENGINE);
        Block net = ProduceNet.build(arch, spec.classes(), spec.coarseLabels().size());
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, plan.inputSize(), plan.inputSize()));
        backbone.applyTo(ProduceNet.features(net));

        List<Epoch> history = new ArrayList<>();
        trainHead(model, spec, images, valImages, history);
        checkpoint(model, spec, "head");
        if (plan.epochs() > 0) fineTune(model, spec, images, valImages, history);
        return new Result(model, spec, history);
    }

    /** Phase 1: the head on cached features of the frozen backbone. */
    private void trainHead(Model model, ModelSpec spec, DecodedImages images, DecodedImages valImages, List<Epoch> history) {
        Block net = model.getBlock();
        Augmenter augmenter = new Augmenter(plan.inputSize(), plan.whiteBalance());
        SplittableRandom rnd = new SplittableRandom(plan.seed());
        int n = images.count();
        int rows = n * plan.views();
        float[][] features = new float[rows][];
        int[] labels = new int[rows];
        int[] coarse = new int[rows];
        long t0 = System.nanoTime();
        ProgressBar bar = progressBars ? new ProgressBar("backbone features (" + plan.views() + " views)", rows) : null;
        int batch = 32;
        List<int[]> chunks = new ArrayList<>();
        for (int start = 0; start < rows; start += batch) chunks.add(new int[] {start, Math.min(rows, start + batch)});
        CompletableFuture<float[]> next = views(images, chunks.get(0), augmenter, rnd.split(), spec);
        for (int c = 0; c < chunks.size(); c++) {
            float[] px = next.join();
            if (c + 1 < chunks.size()) next = views(images, chunks.get(c + 1), augmenter, rnd.split(), spec);
            int[] chunk = chunks.get(c);
            float[] f = backboneFeatures(model, net, px, chunk[1] - chunk[0]);
            for (int r = chunk[0]; r < chunk[1]; r++) {
                features[r] = java.util.Arrays.copyOfRange(f, (r - chunk[0]) * MobileNetV2.FEATURES, (r - chunk[0] + 1) * MobileNetV2.FEATURES);
                labels[r] = images.labels[r % n];
                coarse[r] = images.coarse[r % n];
            }
            if (bar != null) bar.update(chunk[1]);
        }
        if (bar != null) bar.end();
        int off = (plan.resizeSize() - plan.inputSize()) / 2;
        float[][] valFeatures = new float[valImages.count()][];
        for (int start = 0; start < valImages.count(); start += batch) {
            int end = Math.min(valImages.count(), start + batch);
            int plane = 3 * plan.inputSize() * plan.inputSize();
            float[] px = new float[(end - start) * plane];
            for (int i = start; i < end; i++) {
                Mat centre = valImages.mat(i).submat(off, off + plan.inputSize(), off, off + plan.inputSize());
                System.arraycopy(Preprocessing.toPlanes(centre, spec.mean(), spec.std(), false), 0, px, (i - start) * plane, plane);
            }
            float[] f = backboneFeatures(model, net, px, end - start);
            for (int i = start; i < end; i++) {
                valFeatures[i] = java.util.Arrays.copyOfRange(f, (i - start) * MobileNetV2.FEATURES, (i - start + 1) * MobileNetV2.FEATURES);
            }
        }
        log.info(String.format("backbone features of %d views and %d validation images in %.0f s", rows, valImages.count(),
                (System.nanoTime() - t0) / 1e9));

        // the head shares its parameters with the network: training it as a model of its own trains them in place
        EmbeddingHead head = ProduceNet.head(net);
        Model headModel = Model.newInstance("head", ProduceNet.ENGINE);
        headModel.setBlock(head);
        int steps = Math.max(1, rows / HEAD_BATCH);
        Tracker schedule = CosineTracker.builder()
                .setBaseValue(plan.headLearningRate())
                .optFinalValue(plan.headLearningRate() * 0.01f)
                .setMaxUpdates(steps * plan.headEpochs())
                .build();
        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(schedule).optMomentum(0.9f)
                .optWeightDecays(plan.headWeightDecay()).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(new ProduceLoss(plan.smoothing(), plan.coarseWeight())).optOptimizer(sgd);
        Random shuffle = new Random(plan.seed());
        SplittableRandom dropout = new SplittableRandom(plan.seed() + 2);
        float keep = 1 - plan.headDropout();
        try (Trainer trainer = headModel.newTrainer(config)) {
            trainer.initialize(new Shape(HEAD_BATCH, MobileNetV2.FEATURES));
            GradientGuard guard = new GradientGuard(head, MAX_BAD_STEPS_IN_A_ROW);
            for (int epoch = 1; epoch <= plan.headEpochs(); epoch++) {
                long e0 = System.nanoTime();
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < rows; i++) order.add(i);
                Collections.shuffle(order, shuffle);
                double lossSum = 0;
                int correct = 0;
                int seen = 0;
                for (int step = 0; step < steps; step++) {
                    int b = Math.min(HEAD_BATCH, rows - step * HEAD_BATCH);
                    float[] x = new float[b * MobileNetV2.FEATURES];
                    int[] y = new int[b];
                    int[] yc = new int[b];
                    for (int i = 0; i < b; i++) {
                        int r = order.get(step * HEAD_BATCH + i);
                        System.arraycopy(features[r], 0, x, i * MobileNetV2.FEATURES, MobileNetV2.FEATURES);
                        if (keep < 1) {
                            // inverted dropout: the kept features scaled by 1 / keep, so that inference needs no change
                            for (int j = i * MobileNetV2.FEATURES; j < (i + 1) * MobileNetV2.FEATURES; j++) {
                                x[j] = dropout.nextDouble() < keep ? x[j] / keep : 0f;
                            }
                        }
                        y[i] = labels[r];
                        yc[i] = coarse[r];
                    }
                    float[] stepLoss = step(trainer, guard, spec, x, new Shape(b, MobileNetV2.FEATURES), y, yc, epoch, step);
                    if (stepLoss != null) {
                        lossSum += stepLoss[0] * b;
                        correct += (int) stepLoss[1];
                        seen += b;
                    }
                }
                double[] v = validateHead(headModel, valFeatures, valImages.labels);
                Epoch e = new Epoch("head", epoch, seen == 0 ? Double.NaN : lossSum / seen, seen == 0 ? 0 : correct / (double) seen,
                        v[0], v[1], (System.nanoTime() - e0) / 1e9);
                history.add(e);
                log.info(String.format("head epoch %d/%d  loss %.3f  train top-1 %.3f  val top-1 %.3f  top-4 %.3f  (%.1f s)",
                        epoch, plan.headEpochs(), e.loss(), e.trainTop1(), e.valTop1(), e.valTop4(), e.seconds()));
            }
        }
    }

    /** Pooled backbone features of {@code count} preprocessed inputs, no gradient. */
    private float[] backboneFeatures(Model model, Block net, float[] px, int count) {
        boolean grad = JniUtils.isGradMode();
        if (grad) JniUtils.setGradMode(false);
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray x = scope.create(px, new Shape(count, 3, plan.inputSize(), plan.inputSize()));
            return ProduceNet.features(net).forward(new ParameterStore(scope, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
        } finally {
            if (grad) JniUtils.setGradMode(true);
        }
    }

    /** The inputs of rows {@code chunk[0]..chunk[1]}: row r is view r / n of image r % n (view 0 = the centre crop). */
    private CompletableFuture<float[]> views(DecodedImages images, int[] chunk, Augmenter augmenter, SplittableRandom rnd,
                                             ModelSpec spec) {
        return CompletableFuture.supplyAsync(() -> {
            int n = images.count();
            int plane = 3 * plan.inputSize() * plan.inputSize();
            int off = (plan.resizeSize() - plan.inputSize()) / 2;
            float[] px = new float[(chunk[1] - chunk[0]) * plane];
            for (int r = chunk[0]; r < chunk[1]; r++) {
                Mat src = images.mat(r % n);
                Mat view = r < n ? src.submat(off, off + plan.inputSize(), off, off + plan.inputSize()) : augmenter.apply(src, rnd);
                System.arraycopy(Preprocessing.toPlanes(view, spec.mean(), spec.std(), false), 0, px, (r - chunk[0]) * plane, plane);
            }
            return px;
        });
    }

    private static double[] validateHead(Model headModel, float[][] valFeatures, int[] truth) {
        if (valFeatures.length == 0) return new double[] {Double.NaN, Double.NaN};
        int top1 = 0;
        int top4 = 0;
        boolean grad = JniUtils.isGradMode();
        if (grad) JniUtils.setGradMode(false);
        try (NDManager scope = headModel.getNDManager().newSubManager()) {
            float[] x = new float[valFeatures.length * MobileNetV2.FEATURES];
            for (int i = 0; i < valFeatures.length; i++) System.arraycopy(valFeatures[i], 0, x, i * MobileNetV2.FEATURES, MobileNetV2.FEATURES);
            NDArray in = scope.create(x, new Shape(valFeatures.length, MobileNetV2.FEATURES));
            float[] logits = headModel.getBlock().forward(new ParameterStore(scope, false), new NDList(in), false)
                    .get(ProduceNet.FINE).toFloatArray();
            int k = logits.length / valFeatures.length;
            for (int i = 0; i < valFeatures.length; i++) {
                int[] ranked = Ranking.topK(java.util.Arrays.copyOfRange(logits, i * k, (i + 1) * k), 4);
                if (ranked[0] == truth[i]) top1++;
                for (int r : ranked) if (r == truth[i]) top4++;
            }
        } finally {
            if (grad) JniUtils.setGradMode(true);
        }
        return new double[] {top1 / (double) valFeatures.length, top4 / (double) valFeatures.length};
    }

    /**
     * One training step on inputs {@code x}; returns {loss, correct top-1} or null if the step was not
     * applied (non-finite loss or gradient, see {@link GradientGuard}).
     */
    private static float[] step(Trainer trainer, GradientGuard guard, ModelSpec spec, float[] x, Shape shape, int[] y, int[] yc,
                                int epoch, int step) {
        int b = y.length;
        int k = spec.classes();
        int kc = spec.coarseLabels().size();
        float[] targets = new float[b * k];
        float[] coarseTargets = new float[b * kc];
        for (int i = 0; i < b; i++) {
            targets[i * k + y[i]] = 1;
            coarseTargets[i * kc + yc[i]] = 1;
        }
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray in = scope.create(x, shape);
            NDArray t = scope.create(targets, new Shape(b, k));
            NDArray tc = scope.create(coarseTargets, new Shape(b, kc));
            String bad = null;
            float value = Float.NaN;
            int correct = 0;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList out = trainer.forward(new NDList(in));
                NDArray loss = trainer.getLoss().evaluate(new NDList(t, tc), out);
                value = loss.getFloat();
                if (!Float.isFinite(value)) {
                    bad = "the loss is " + value;
                } else {
                    gc.backward(loss);
                    int[] pred = out.get(ProduceNet.FINE).argMax(1).toType(DataType.INT32, false).toIntArray();
                    for (int i = 0; i < b; i++) if (pred[i] == y[i]) correct++;
                }
            }
            if (bad == null && !guard.gradientsFinite()) bad = "a gradient is not finite";
            if (bad == null) {
                trainer.step();
                guard.applied();
                return new float[] {value, correct};
            }
            log.warn("epoch {} step {}: {}; the step is not applied", epoch, step + 1, bad);
            guard.skip(bad, epoch, step + 1);
            return null;
        }
    }

    /** Phase 2: the whole network on augmented images. */
    private void fineTune(Model model, ModelSpec spec, DecodedImages images, DecodedImages valImages, List<Epoch> history) {
        int stepsPerEpoch = images.count() / plan.batchSize();
        int totalSteps = stepsPerEpoch * plan.epochs();
        int warmUp = Math.min(stepsPerEpoch, totalSteps / 5);
        Tracker cosine = CosineTracker.builder()
                .setBaseValue(plan.learningRate())
                .optFinalValue(plan.learningRate() * 0.01f)
                .setMaxUpdates(Math.max(1, totalSteps - warmUp))
                .build();
        Tracker body = WarmUpTracker.builder()
                .setMainTracker(cosine)
                .optWarmUpSteps(warmUp)
                .optWarmUpBeginValue(plan.learningRate() * 0.1f)
                .build();
        Set<String> headIds = new HashSet<>();
        for (var p : ProduceNet.head(model.getBlock()).getParameters().values()) headIds.add(p.getId());
        float headFactor = plan.headFactor();
        ParameterTracker schedule = new ParameterTracker() {
            @Override
            public float getNewValue(String parameterId, int numUpdate) {
                float lr = body.getNewValue(numUpdate);
                return headIds.contains(parameterId) ? lr * headFactor : lr;
            }
        };
        Optimizer optimizer = plan.optimizer() == TrainingPlan.Optimizer.ADAM
                ? Optimizer.adam().optLearningRateTracker(schedule).optWeightDecays(plan.weightDecay()).build()
                : Optimizer.sgd().setLearningRateTracker(schedule).optMomentum(0.9f).optWeightDecays(plan.weightDecay()).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(new ProduceLoss(plan.smoothing(), plan.coarseWeight())).optOptimizer(optimizer);
        Augmenter augmenter = new Augmenter(plan.inputSize(), plan.whiteBalance());
        SplittableRandom rnd = new SplittableRandom(plan.seed() + 1);
        Random shuffle = new Random(plan.seed() + 1);
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(plan.batchSize(), 3, plan.inputSize(), plan.inputSize()));
            MobileNetV2.freezeBelow(ProduceNet.features(model.getBlock()), plan.firstTrainedBlock());
            NetworkPredictor evaluator = new NetworkPredictor(spec, model);
            GradientGuard guard = new GradientGuard(model.getBlock(), MAX_BAD_STEPS_IN_A_ROW);
            Shape shape = new Shape(plan.batchSize(), 3, plan.inputSize(), plan.inputSize());
            for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
                long t0 = System.nanoTime();
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < images.count(); i++) order.add(i);
                Collections.shuffle(order, shuffle);
                ProgressBar bar = progressBars ? new ProgressBar("fine-tune " + epoch + "/" + plan.epochs(), stepsPerEpoch) : null;
                double lossSum = 0;
                int correct = 0;
                int seen = 0;
                CompletableFuture<Batch> next = prepare(images, order, 0, augmenter, rnd.split(), spec);
                for (int step = 0; step < stepsPerEpoch; step++) {
                    Batch batch = next.join();
                    if (step + 1 < stepsPerEpoch) next = prepare(images, order, step + 1, augmenter, rnd.split(), spec);
                    float[] r = step(trainer, guard, spec, batch.pixels, shape, batch.labels, batch.coarse, epoch, step);
                    if (r != null) {
                        lossSum += r[0] * batch.labels.length;
                        correct += (int) r[1];
                        seen += batch.labels.length;
                    }
                    if (bar != null) bar.increment(1);
                }
                if (bar != null) bar.end();
                double[] valTop = validate(evaluator, spec, valImages);
                Epoch e = new Epoch("fine-tune", epoch, seen == 0 ? Double.NaN : lossSum / seen,
                        seen == 0 ? 0 : correct / (double) seen, valTop[0], valTop[1], (System.nanoTime() - t0) / 1e9);
                history.add(e);
                log.info(String.format("fine-tune epoch %d/%d  loss %.3f  train top-1 %.3f  val top-1 %.3f  top-4 %.3f  (%.0f s)",
                        epoch, plan.epochs(), e.loss(), e.trainTop1(), e.valTop1(), e.valTop4(), e.seconds()));
                checkpoint(model, spec, String.format("epoch-%02d", epoch));
            }
            if (guard.skipped() > 0) {
                log.warn("{} of {} steps were not applied (non-finite loss or gradient)", guard.skipped(), totalSteps);
            }
        } finally {
            MobileNetV2.freezeBelow(ProduceNet.features(model.getBlock()), 0);
        }
    }

    /**
     * A model folder of the network as it stands, for weight averaging afterwards ({@code models average}: the
     * fine-tuned epochs with each other, or with the head-only model).
     */
    private void checkpoint(Model model, ModelSpec spec, String name) {
        if (checkpoints == null) return;
        Path dir = checkpoints.resolve(name);
        try {
            ModelFolder.write(model, spec, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    private List<GroceryDataset.Sample> limit(List<GroceryDataset.Sample> train) {
        if (plan.limitPerClass() <= 0) return train;
        Map<Integer, Integer> count = new HashMap<>();
        List<GroceryDataset.Sample> out = new ArrayList<>();
        for (var s : train) {
            if (count.merge(s.label(), 1, Integer::sum) <= plan.limitPerClass()) out.add(s);
        }
        return out;
    }

    /** Top-1 and top-4 of the model alone (centre crop, no TTA) on the decoded validation images. */
    private static double[] validate(NetworkPredictor model, ModelSpec spec, DecodedImages val) {
        if (val.count() == 0) return new double[] {Double.NaN, Double.NaN};
        int off = (spec.resizeSize() - spec.inputSize()) / 2;
        int top1 = 0;
        int top4 = 0;
        for (int start = 0; start < val.count(); start += 32) {
            List<float[]> inputs = new ArrayList<>();
            for (int i = start; i < Math.min(val.count(), start + 32); i++) {
                Mat centre = val.mat(i).submat(off, off + spec.inputSize(), off, off + spec.inputSize());
                inputs.add(Preprocessing.toPlanes(centre, spec.mean(), spec.std(), false));
            }
            List<Prediction> preds = model.predictInputs(inputs);
            for (int j = 0; j < preds.size(); j++) {
                int[] ranked = preds.get(j).topK(4);
                int truth = val.labels[start + j];
                if (ranked[0] == truth) top1++;
                for (int r : ranked) if (r == truth) top4++;
            }
        }
        return new double[] {top1 / (double) val.count(), top4 / (double) val.count()};
    }

    /** Augmented pixels of one batch and its labels. */
    private record Batch(float[] pixels, int[] labels, int[] coarse) {
    }

    private CompletableFuture<Batch> prepare(DecodedImages images, List<Integer> order, int step, Augmenter augmenter,
                                             SplittableRandom rnd, ModelSpec spec) {
        return CompletableFuture.supplyAsync(() -> {
            int b = plan.batchSize();
            int plane = 3 * plan.inputSize() * plan.inputSize();
            float[] px = new float[b * plane];
            int[] labels = new int[b];
            int[] coarse = new int[b];
            for (int i = 0; i < b; i++) {
                int idx = order.get(step * b + i);
                Mat aug = augmenter.apply(images.mat(idx), rnd);
                System.arraycopy(Preprocessing.toPlanes(aug, spec.mean(), spec.std(), false), 0, px, i * plane, plane);
                labels[i] = images.labels[idx];
                coarse[i] = images.coarse[idx];
            }
            return new Batch(px, labels, coarse);
        });
    }
}
