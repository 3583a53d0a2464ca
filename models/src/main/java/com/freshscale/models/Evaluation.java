package com.freshscale.models;

import com.freshscale.recognition.GalleryVote;
import com.freshscale.recognition.Prediction;
import com.freshscale.recognition.ProduceModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Measures a model on a split the way the scale uses it. Offline: top-1/top-4 of the model alone.
 * Online: the images in a fixed seeded order; each is predicted with the model and the in-store gallery
 * (the scale's {@link GalleryVote} rule), then its sale is confirmed with its true label and the gallery
 * learns from it as the scale does ({@link OnlineProtocol}, {@link com.freshscale.recognition.LearningRule}). Time: per image, preprocessing (resize, crop, normalise,
 * flip TTA) plus inference, from an already decoded frame, on the calling thread.
 */
final class Evaluation {
    /** Figures of one evaluation; fractions 0–1. */
    record Metrics(int n, double top1, double top4, double onlineTop1, double onlineTop4, double msP50, double msP95,
                   int[][] confusion, Prediction[] predictions, int[] truth) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", n);
            m.put("top1", round(top1));
            m.put("top4", round(top4));
            m.put("online_top1", round(onlineTop1));
            m.put("online_top4", round(onlineTop4));
            m.put("ms_p50", round(msP50));
            m.put("ms_p95", round(msP95));
            // how far a figure may be from the model's true rate on photos like these: on ~200 photos the
            // 95 % interval is ±7 points, so two models 3 points apart are not told apart by one split
            m.put("top1_ci95", interval(top1));
            m.put("top4_ci95", interval(top4));
            m.put("online_top1_ci95", interval(onlineTop1));
            m.put("online_top4_ci95", interval(onlineTop4));
            return m;
        }

        private double[] interval(double fraction) {
            return interval(fraction, n);
        }

        static double[] interval(double fraction, int n) {
            double[] ci = wilson(fraction, n);
            return new double[] {round(ci[0]), round(ci[1])};
        }

        static double round(double v) {
            return Math.round(v * 10000) / 10000.0;
        }
    }

    private Evaluation() {
    }

    /**
     * Wilson's 95 % score interval for a fraction measured on {@code n} images (Wilson 1927; unlike the
     * normal approximation it stays inside 0–1 and is not empty at 0 or 1).
     */
    static double[] wilson(double fraction, int n) {
        double z = 1.959964;
        double z2n = z * z / n;
        double centre = (fraction + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(fraction * (1 - fraction) / n + z2n / (4.0 * n)) / (1 + z2n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    static Metrics run(ProduceModel model, List<GroceryDataset.Sample> samples, long seed, GalleryVote vote,
                       IntConsumer progress) {
        int n = samples.size();
        if (n == 0) throw new IllegalArgumentException("the split has no images");
        int classes = model.spec().classes();
        Prediction[] predictions = new Prediction[n];
        double[] ms = new double[n];
        int[][] confusion = new int[classes][classes];
        int top1 = 0;
        int top4 = 0;
        for (int i = 0; i < n; i++) {
            GroceryDataset.Sample s = samples.get(i);
            Mat img = Imgcodecs.imread(s.image().toString(), Imgcodecs.IMREAD_COLOR);
            if (img.empty()) throw new IllegalArgumentException("cannot decode image " + s.image());
            long t0 = System.nanoTime();
            predictions[i] = model.predict(img);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            int[] ranked = predictions[i].topK(4);
            confusion[s.label()][ranked[0]]++;
            if (ranked[0] == s.label()) top1++;
            if (contains(ranked, s.label())) top4++;
            if (progress != null) progress.accept(i + 1);
        }
        int[] truth = samples.stream().mapToInt(GroceryDataset.Sample::label).toArray();
        OnlineProtocol online = new OnlineProtocol(vote, OnlineProtocol.LabelPrices.demo(model.spec().labels()), classes);
        OnlineProtocol.Result clean = online.run(predictions, truth, seed, 0, 0);
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Metrics(n, top1 / (double) n, top4 / (double) n, clean.top1(), clean.top4(),
                percentile(sorted, 50), percentile(sorted, 95), confusion, predictions, truth);
    }

    static double percentile(double[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }
}
