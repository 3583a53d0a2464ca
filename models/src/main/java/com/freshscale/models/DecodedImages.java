package com.freshscale.models;

import com.freshscale.recognition.Preprocessing;
import java.util.List;
import java.util.stream.IntStream;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * A split decoded once: every image as its centre square at {@code size}² 8-bit BGR, in memory (50 classes ×
 * ~40 images × 112² × 3 B ≈ 70 MB), so epochs never touch JPEG again.
 */
final class DecodedImages {
    final int size;
    final byte[][] pixels;
    final int[] labels;
    final int[] coarse;

    private DecodedImages(int size, byte[][] pixels, int[] labels, int[] coarse) {
        this.size = size;
        this.pixels = pixels;
        this.labels = labels;
        this.coarse = coarse;
    }

    static DecodedImages decode(List<GroceryDataset.Sample> samples, int size) {
        byte[][] px = new byte[samples.size()][];
        IntStream.range(0, samples.size()).parallel().forEach(i -> {
            Mat img = Imgcodecs.imread(samples.get(i).image().toString(), Imgcodecs.IMREAD_COLOR);
            if (img.empty()) throw new IllegalArgumentException("cannot decode image " + samples.get(i).image());
            Mat sq = Preprocessing.squareResize(img, size);
            byte[] b = new byte[size * size * 3];
            sq.get(0, 0, b);
            px[i] = b;
        });
        int[] labels = samples.stream().mapToInt(GroceryDataset.Sample::label).toArray();
        int[] coarse = samples.stream().mapToInt(GroceryDataset.Sample::coarse).toArray();
        return new DecodedImages(size, px, labels, coarse);
    }

    /** Per-channel RGB mean and standard deviation of all pixels on a 0–1 scale: {@code {mean, std}}. */
    float[][] channelStats() {
        double[] sum = new double[3];
        double[] sq = new double[3];
        long n = 0;
        for (byte[] img : pixels) {
            for (int i = 0; i < img.length; i += 3) {
                for (int c = 0; c < 3; c++) {
                    double v = (img[i + 2 - c] & 0xff) / 255.0; // BGR → RGB
                    sum[c] += v;
                    sq[c] += v * v;
                }
            }
            n += img.length / 3;
        }
        float[] mean = new float[3];
        float[] std = new float[3];
        for (int c = 0; c < 3; c++) {
            double m = sum[c] / n;
            mean[c] = (float) m;
            std[c] = (float) Math.sqrt(Math.max(sq[c] / n - m * m, 1e-6));
        }
        return new float[][] {mean, std};
    }

    int count() {
        return pixels.length;
    }

    Mat mat(int i) {
        Mat m = new Mat(size, size, org.opencv.core.CvType.CV_8UC3);
        m.put(0, 0, pixels[i]);
        return m;
    }
}
