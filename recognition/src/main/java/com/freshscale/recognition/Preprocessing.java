package com.freshscale.recognition;

import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The one image → network-input path, used alike by training, evaluation and the scale: resize the shorter
 * side to {@code resizeSize}, take the centre square, then the centre {@code inputSize} square, convert BGR
 * (OpenCV's order) to normalised RGB planes (CHW).
 */
public final class Preprocessing {
    private Preprocessing() {
    }

    /**
     * The centre square of {@code bgr}, resized to {@code size}² (area interpolation when shrinking); a view
     * of {@code bgr} itself if that is already square at {@code size}.
     */
    public static Mat squareResize(Mat bgr, int size) {
        if (bgr.empty()) throw new IllegalArgumentException("empty image");
        int side = Math.min(bgr.cols(), bgr.rows());
        Mat square = bgr.submat(new Rect((bgr.cols() - side) / 2, (bgr.rows() - side) / 2, side, side));
        if (side == size) return square; // already the size (the scale's crop): no copy
        Mat out = new Mat();
        int interpolation = side > size ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
        Imgproc.resize(square, out, new Size(size, size), 0, 0, interpolation);
        return out;
    }

    /**
     * {@code src} shrunk to {@code size} by area averaging, fast: for the scale's camera frames, where
     * OpenCV's general {@code INTER_AREA} path (any ratio but exactly 2, in OpenCV 4.9) weighs every source
     * pixel per output pixel — 2.7 ms for a 1280×720 frame to 320×180 on one core, 1.8 ms for a 490 px crop
     * to 128 px. So: exact halvings (its vectorised 2×2 path, 0.3 ms for the whole 720p frame) while both
     * sides are even and at least twice the target, then one area resize of what remains, on a quarter of
     * the pixels or fewer. When the halvings reach the target (1280×720 → 320×180) this is the direct area
     * resize up to the rounding of the intermediate image (±1 level). Otherwise the last step averages
     * 2×2 blocks where the direct resize weighs single pixels at the edge of each box: on produce photos
     * the crops differ by ~1 level on average. Training and evaluation keep the exact
     * {@link #squareResize}; the scale's crop of a live frame uses this.
     */
    public static Mat shrink(Mat src, Size size) {
        if (src.empty()) throw new IllegalArgumentException("empty image");
        Mat cur = src;
        while (cur.cols() % 2 == 0 && cur.rows() % 2 == 0 && cur.cols() >= 2 * size.width && cur.rows() >= 2 * size.height) {
            Mat half = new Mat();
            Imgproc.resize(cur, half, new Size(cur.cols() / 2.0, cur.rows() / 2.0), 0, 0, Imgproc.INTER_AREA);
            if (cur != src) cur.release();
            cur = half;
        }
        if (cur.cols() == size.width && cur.rows() == size.height) return cur;
        Mat out = new Mat();
        Imgproc.resize(cur, out, size, 0, 0, Imgproc.INTER_AREA);
        if (cur != src) cur.release();
        return out;
    }

    /**
     * What the network sees of {@code bgr}: its centre square at {@code resizeSize}², then the centre
     * {@code inputSize}², as a Mat of its own (contiguous: {@link #pixels} reads it without another copy), so
     * that the caller can release it and nothing of the resized square is left for the garbage collector.
     */
    public static Mat centre(Mat bgr, ModelSpec spec) {
        Mat resized = squareResize(bgr, spec.resizeSize());
        int off = (spec.resizeSize() - spec.inputSize()) / 2;
        Mat view = resized.submat(new Rect(off, off, spec.inputSize(), spec.inputSize()));
        Mat out = view.clone();
        view.release();
        resized.release(); // its own pixels, or a view of bgr (then only the view's reference goes)
        return out;
    }

    /** CHW normalised RGB planes of an 8-bit BGR square image, optionally mirrored left↔right. */
    public static float[] toPlanes(Mat bgrSquare, float[] mean, float[] std, boolean mirror) {
        return toPlanes(pixels(bgrSquare), bgrSquare.rows(), bgrSquare.cols(), mean, std, mirror);
    }

    /** The interleaved BGR bytes of an 8-bit image, row after row. */
    public static byte[] pixels(Mat bgr) {
        byte[] px = new byte[bgr.rows() * bgr.cols() * 3];
        Mat contiguous = bgr.isContinuous() ? bgr : bgr.clone();
        contiguous.get(0, 0, px);
        if (contiguous != bgr) contiguous.release();
        return px;
    }

    /** As {@link #toPlanes(Mat, float[], float[], boolean)} for interleaved BGR bytes. */
    public static float[] toPlanes(byte[] bgr, int h, int w, float[] mean, float[] std, boolean mirror) {
        float[] out = new float[3 * h * w];
        // (v / 255 − mean) / std as one multiply-add per value: v · scale + offset
        float[] scale = new float[3];
        float[] offset = new float[3];
        for (int c = 0; c < 3; c++) {
            scale[c] = 1f / (255f * std[c]);
            offset[c] = -mean[c] / std[c];
        }
        int plane = h * w;
        for (int c = 0; c < 3; c++) {
            int srcChannel = 2 - c; // BGR → RGB
            float sc = scale[c];
            float off = offset[c];
            int base = c * plane;
            for (int y = 0; y < h; y++) {
                int row = y * w;
                if (mirror) {
                    for (int x = 0; x < w; x++) out[base + row + x] = (bgr[(row + w - 1 - x) * 3 + srcChannel] & 0xff) * sc + off;
                } else {
                    for (int x = 0; x < w; x++) out[base + row + x] = (bgr[(row + x) * 3 + srcChannel] & 0xff) * sc + off;
                }
            }
        }
        return out;
    }
}
