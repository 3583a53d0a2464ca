package com.freshscale.models;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.WarmUpTracker;
import ai.djl.training.util.ProgressBar;
import com.freshscale.recognition.ModelSpec;
import com.freshscale.recognition.Preprocessing;
import com.freshscale.recognition.ProduceModel;
import com.freshscale.recognition.ProduceNet;
import com.freshscale.recognition.Prediction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the produce network from scratch with DJL: images decoded once, augmented per step with OpenCV
 * on a helper thread while PyTorch trains on the previous batch, SGD with momentum with warm-up and cosine
 * decay, label smoothing and the coarse auxiliary loss. Each epoch ends with a validation pass (model alone,
 * no TTA) for the training curve; the model kept is the last epoch's, not the best on validation, so that
 * the validation figures stay an honest estimate.
 */
final class ProduceTrainer {
    private static final Logger log = LoggerFactory.getLogger(ProduceTrainer.class);

    /** Per-epoch figures, for the curve and the log. */
    record Epoch(int epoch, double loss, double trainTop1, double valTop1, double valTop4, double seconds) {
    }

    /** The trained model (open; the caller closes it) and its history. */
    record Result(Model model, ModelSpec spec, List<Epoch> history) {
    }

    /** Bad steps (non-finite loss or gradient) in a row that mean the run diverged, not a glitch. */
    static final int MAX_BAD_STEPS_IN_A_ROW = 3;

    private final TrainingPlan plan;
    private final boolean progressBars;

    ProduceTrainer(TrainingPlan plan, boolean progressBars) {
        this.plan = plan;
        this.progressBars = progressBars;
    }

    Result train(GroceryDataset data, List<GroceryDataset.Sample> train, List<GroceryDataset.Sample> val,
                 String name) {
        List<GroceryDataset.Sample> samples = new ArrayList<>(limit(train));
        if (plan.iconic()) samples.addAll(data.iconicSamples());
        log.info("decoding {} training and {} validation images at {} px", samples.size(), val.size(), plan.resizeSize());
        DecodedImages images = DecodedImages.decode(samples, plan.resizeSize());
        DecodedImages valImages = DecodedImages.decode(val, plan.resizeSize());

        float[][] stats = images.channelStats();
        ModelSpec spec = new ModelSpec(name, java.time.Instant.now().toString(), plan.resizeSize(), plan.inputSize(),
                stats[0], stats[1], true, plan.architecture(), data.labels(), data.coarseLabels(), data.coarseOf());
        Engine.getEngine(ProduceModel.ENGINE).setRandomSeed((int) plan.seed());
        Model model = Model.newInstance(name, ProduceModel.ENGINE);
        model.setBlock(ProduceNet.build(plan.architecture(), spec.classes(), spec.coarseLabels().size()));

        int stepsPerEpoch = images.count() / plan.batchSize();
        int totalSteps = stepsPerEpoch * plan.epochs();
        int warmUp = Math.min(stepsPerEpoch * 2, totalSteps / 5);
        var cosine = CosineTracker.builder()
                .setBaseValue(plan.learningRate())
                .optFinalValue(plan.learningRate() * 0.005f)
                .setMaxUpdates(Math.max(1, totalSteps - warmUp))
                .build();
        var schedule = WarmUpTracker.builder()
                .setMainTracker(cosine)
                .optWarmUpSteps(warmUp)
                .optWarmUpBeginValue(plan.learningRate() * 0.05f)
                .build();
        Optimizer sgd = Optimizer.sgd()
                .setLearningRateTracker(schedule)
                .optMomentum(0.9f)
                .optWeightDecays(plan.weightDecay())
                .build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(new ProduceLoss(plan.smoothing(), plan.coarseWeight()))
                .optOptimizer(sgd);

        List<Epoch> history = new ArrayList<>();
        Augmenter augmenter = new Augmenter(plan.inputSize(), plan.whiteBalance());
        SplittableRandom rnd = new SplittableRandom(plan.seed());
        Random shuffle = new Random(plan.seed());
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(plan.batchSize(), 3, plan.inputSize(), plan.inputSize()));
            ProduceModel evaluator = ProduceModel.of(spec, model);
            GradientGuard guard = new GradientGuard(model.getBlock(), MAX_BAD_STEPS_IN_A_ROW);
            for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
                long t0 = System.nanoTime();
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < images.count(); i++) order.add(i);
                Collections.shuffle(order, shuffle);
                ProgressBar bar = progressBars ? new ProgressBar("epoch " + epoch + "/" + plan.epochs(), stepsPerEpoch) : null;
                double lossSum = 0;
                int correct = 0;
                int seen = 0;
                CompletableFuture<Batch> next = prepare(images, order, 0, augmenter, rnd.split(), spec);
                for (int step = 0; step < stepsPerEpoch; step++) {
                    Batch batch = next.join();
                    if (step + 1 < stepsPerEpoch) next = prepare(images, order, step + 1, augmenter, rnd.split(), spec);
                    try (NDManager scope = trainer.getManager().newSubManager()) {
                        int b = plan.batchSize();
                        NDArray x = scope.create(batch.pixels, new Shape(b, 3, plan.inputSize(), plan.inputSize()));
                        NDArray y = scope.create(batch.targets, new Shape(b, spec.classes()));
                        NDArray yc = scope.create(batch.coarseTargets, new Shape(b, spec.coarseLabels().size()));
                        String bad = null;
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(x));
                            NDArray loss = trainer.getLoss().evaluate(new NDList(y, yc), out);
                            float value = loss.getFloat();
                            if (!Float.isFinite(value)) {
                                bad = "the loss is " + value;
                            } else {
                                gc.backward(loss);
                                lossSum += value * b / plan.architecture().members();
                                // the first member's answer: the committee's would need every member's softmax
                                int[] pred = out.get(0).argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
                                for (int i = 0; i < b; i++) if (pred[i] == batch.labels[i]) correct++;
                                seen += b;
                            }
                        }
                        if (bad == null && !guard.gradientsFinite()) bad = "a gradient is not finite";
                        if (bad == null) {
                            trainer.step();
                            guard.applied();
                        } else {
                            log.warn("epoch {} step {}: {}; the step is not applied", epoch, step + 1, bad);
                            guard.skip(bad, epoch, step + 1);
                        }
                    }
                    if (bar != null) bar.increment(1);
                }
                double[] valTop = validate(evaluator, spec, valImages);
                Epoch e = new Epoch(epoch, seen == 0 ? Double.NaN : lossSum / seen,
                        seen == 0 ? 0 : correct / (double) seen, valTop[0], valTop[1],
                        (System.nanoTime() - t0) / 1e9);
                history.add(e);
                if (bar != null) bar.end();
                log.info(String.format("epoch %d/%d  loss %.3f  train top-1 %.3f  val top-1 %.3f  top-4 %.3f  (%.0f s)",
                        epoch, plan.epochs(), e.loss(), e.trainTop1(), e.valTop1(), e.valTop4(), e.seconds()));
            }
            if (guard.skipped() > 0) {
                log.warn("{} of {} steps were not applied (non-finite loss or gradient)", guard.skipped(), totalSteps);
            }
        }
        return new Result(model, spec, history);
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
    private static double[] validate(ProduceModel model, ModelSpec spec, DecodedImages val) {
        if (val.count() == 0) return new double[] {Double.NaN, Double.NaN};
        int off = (spec.resizeSize() - spec.inputSize()) / 2;
        int top1 = 0;
        int top4 = 0;
        for (int start = 0; start < val.count(); start += 64) {
            List<float[]> inputs = new ArrayList<>();
            for (int i = start; i < Math.min(val.count(), start + 64); i++) {
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

    /** Pixels, the dominant label of each image, and the (mixed) soft targets. */
    private record Batch(float[] pixels, int[] labels, float[] targets, float[] coarseTargets) {
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
            int k = spec.classes();
            int kc = spec.coarseLabels().size();
            float[] targets = new float[b * k];
            float[] coarseTargets = new float[b * kc];
            if (plan.mixup() > 0) {
                // mixup (Zhang et al. 2018): each image blended with a partner, targets blended alike
                float[] mixed = new float[px.length];
                int[] partner = new int[b];
                for (int i = 0; i < b; i++) partner[i] = rnd.nextInt(b);
                for (int i = 0; i < b; i++) {
                    float lam = (float) Mixup.beta(plan.mixup(), rnd);
                    lam = Math.max(lam, 1 - lam); // the image keeps the majority: its label stays the dominant one
                    int j = partner[i];
                    for (int p = 0; p < plane; p++) mixed[i * plane + p] = lam * px[i * plane + p] + (1 - lam) * px[j * plane + p];
                    targets[i * k + labels[i]] += lam;
                    targets[i * k + labels[j]] += 1 - lam;
                    coarseTargets[i * kc + coarse[i]] += lam;
                    coarseTargets[i * kc + coarse[j]] += 1 - lam;
                }
                px = mixed;
            } else {
                for (int i = 0; i < b; i++) {
                    targets[i * k + labels[i]] = 1;
                    coarseTargets[i * kc + coarse[i]] = 1;
                }
            }
            return new Batch(px, labels, targets, coarseTargets);
        });
    }
}
