package com.freshscale.device.vision;

import com.freshscale.recognition.Preprocessing;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * What the camera sees on the platter compared with the empty platter. On a stable zero the scale shows the
 * camera the empty platter ({@link #learnEmpty}); on a stable load {@link #look} finds what changed, crops
 * it (a square with a margin, what the network was trained on) and normalises its colour against the
 * platter (the platter is neutral grey, so its colour cast is the light's, and is divided out). The crop is
 * handed on at the size the recogniser works at ({@code cropSize}, the model's resize size): it is scaled
 * straight out of the frame and corrected at that size, so no full-resolution copy is made or corrected, and
 * the recogniser does not scale it again for each test-time view (1280×720 frame, ~490 px crop: this stage
 * 5.0 → 3.2 ms, and 3.5 ms less of scaling after it). Both the frame's working copy and the crop are scaled
 * by {@link Preprocessing#shrink} (exact halvings, then the rest), not OpenCV's general area resize: this
 * stage 4.8 → ~1.6 ms of CPU.
 * Not thread-safe: one camera, one caller.
 */
public final class PlatterView {
    /**
     * Result of looking at the platter.
     *
     * @param crop square colour-normalised crop around what changed, {@code cropSize}² px (null if empty)
     * @param mask the changed pixels within {@code crop} at 64 × 64, 255 = changed (null if empty)
     */
    public record Look(Status status, Rect box, double changedFraction, Mat crop, Mat mask) {
        public enum Status { EMPTY, ITEM }

        /** Releases the crop and the mask (native memory the Java heap does not count), for a caller done with both. */
        public void release() {
            if (crop != null) crop.release();
            if (mask != null) mask.release();
        }
    }

    // work on a 320-px-wide copy: plenty to find a fruit, and ~10× cheaper than 720p
    private static final int WORK_WIDTH = 320;
    static final int MASK_SIZE = 64;
    private final double diffThreshold;
    private final double minChangedFraction;
    private final int cropSize;
    private Mat reference;          // blurred empty platter at work size
    private Scalar platterGains = new Scalar(1, 1, 1);

    /**
     * @param diffThreshold      per-pixel change (max over B, G, R, 0–255) that counts as "changed"; above
     *                           sensor noise and the flicker of LED lighting
     * @param minChangedFraction fraction of the frame that must change for "something is there"
     * @param cropSize           side of the square crop handed on, px (the model's resize size)
     */
    public PlatterView(double diffThreshold, double minChangedFraction, int cropSize) {
        if (cropSize < 16) throw new IllegalArgumentException("crop size must be at least 16 px, got " + cropSize);
        this.diffThreshold = diffThreshold;
        this.minChangedFraction = minChangedFraction;
        this.cropSize = cropSize;
    }

    /** The installed thresholds, crops of {@code cropSize}² px. */
    public static PlatterView standard(int cropSize) {
        return new PlatterView(28, 0.01, cropSize);
    }

    /** Keeps {@code emptyFrame} as the empty-platter reference (called on a stable zero). */
    public void learnEmpty(Mat emptyFrame) {
        Mat small = work(emptyFrame);
        if (reference == null || reference.size().width != small.size().width || reference.size().height != small.size().height) {
            if (reference != null) reference.release();
            reference = small;
        } else {
            // running average: follows slow changes of the light without forgetting the platter
            Core.addWeighted(reference, 0.5, small, 0.5, 0, reference);
            small.release();
        }
        Scalar mean = Core.mean(reference);
        double grey = (mean.val[0] + mean.val[1] + mean.val[2]) / 3;
        platterGains = new Scalar(grey / Math.max(mean.val[0], 1), grey / Math.max(mean.val[1], 1),
                grey / Math.max(mean.val[2], 1));
    }

    public boolean hasReference() {
        return reference != null;
    }

    /** Finds what is on the platter; without an empty reference the whole frame is taken. */
    public Look look(Mat frame) {
        if (reference == null) {
            Rect all = new Rect(0, 0, frame.cols(), frame.rows());
            Rect sq = squareAround(frame, all);
            Mat everything = new Mat(MASK_SIZE, MASK_SIZE, CvType.CV_8UC1, new Scalar(255));
            return new Look(Look.Status.ITEM, all, 1.0, crop(frame, sq), everything);
        }
        // every working Mat is released on the way out: OpenCV's native memory is invisible to the Java heap, so
        // the garbage collector would let it pile up between collections; only the crop and its mask go on
        List<Mat> scratch = new ArrayList<>();
        try {
            return lookAtWorkSize(frame, scratch);
        } finally {
            scratch.forEach(Mat::release);
        }
    }

    private Look lookAtWorkSize(Mat frame, List<Mat> scratch) {
        Mat small = keep(scratch, work(frame));
        if (small.cols() != reference.cols() || small.rows() != reference.rows()) {
            throw new IllegalArgumentException("frame size changed since the empty platter was learned");
        }
        Mat diff = keep(scratch, new Mat());
        Core.absdiff(small, reference, diff);
        List<Mat> ch = new ArrayList<>();
        Core.split(diff, ch);
        scratch.addAll(ch);
        Mat maxDiff = keep(scratch, new Mat());
        Core.max(ch.get(0), ch.get(1), maxDiff);
        Core.max(maxDiff, ch.get(2), maxDiff);
        Mat mask = keep(scratch, new Mat());
        Imgproc.threshold(maxDiff, mask, diffThreshold, 255, Imgproc.THRESH_BINARY);
        // opening removes speckle, closing fills the gaps inside a fruit that matches the platter in places
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN, keep(scratch, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(3, 3))));
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_CLOSE, keep(scratch, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(9, 9))));
        double changed = Core.countNonZero(mask) / (double) (mask.rows() * mask.cols());
        if (changed < minChangedFraction) return new Look(Look.Status.EMPTY, null, changed, null, null);
        List<MatOfPoint> contours = new ArrayList<>();
        Imgproc.findContours(mask, contours, keep(scratch, new Mat()), Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
        scratch.addAll(contours);
        double minArea = minChangedFraction * mask.rows() * mask.cols() / 4;
        Rect box = null;
        for (MatOfPoint c : contours) {
            if (Imgproc.contourArea(c) < minArea) continue;
            Rect r = Imgproc.boundingRect(c);
            box = box == null ? r : union(box, r);
        }
        if (box == null) return new Look(Look.Status.EMPTY, null, changed, null, null);
        double s = frame.cols() / (double) small.cols();
        Rect full = new Rect((int) (box.x * s), (int) (box.y * s), (int) Math.ceil(box.width * s), (int) Math.ceil(box.height * s));
        Rect sq = squareAround(frame, full);
        // the mask of the crop, at a 64-px working size: enough for the share of skin-coloured pixels
        int mx = (int) Math.floor(sq.x / s);
        int my = (int) Math.floor(sq.y / s);
        Rect sqSmall = new Rect(mx, my, Math.max(1, Math.min(mask.cols() - mx, (int) Math.round(sq.width / s))),
                Math.max(1, Math.min(mask.rows() - my, (int) Math.round(sq.height / s))));
        Mat cropMask = new Mat();
        Imgproc.resize(keep(scratch, mask.submat(sqSmall)), cropMask, new Size(MASK_SIZE, MASK_SIZE), 0, 0, Imgproc.INTER_NEAREST);
        return new Look(Look.Status.ITEM, full, changed, crop(frame, sq), cropMask);
    }

    private static <M extends Mat> M keep(List<Mat> scratch, M m) {
        scratch.add(m);
        return m;
    }

    /**
     * The smallest square around {@code box} plus a 10 % margin, kept inside the frame; its side a multiple
     * of 4 px (at most 3 px more margin) so that {@link Preprocessing#shrink} can halve it exactly twice.
     */
    static Rect squareAround(Mat frame, Rect box) {
        int side = (int) Math.round(Math.max(box.width, box.height) * 1.1);
        side = (side + 3) / 4 * 4;
        side = Math.min(side, Math.min(frame.cols(), frame.rows()));
        int cx = box.x + box.width / 2;
        int cy = box.y + box.height / 2;
        int x = Math.max(0, Math.min(frame.cols() - side, cx - side / 2));
        int y = Math.max(0, Math.min(frame.rows() - side, cy - side / 2));
        return new Rect(x, y, side, side);
    }

    /**
     * The square {@code sq} of the frame at {@code cropSize}², colour-corrected. Scaling first and correcting
     * after is the same as the other way round (both are linear per pixel), on 60× fewer pixels.
     */
    private Mat crop(Mat frame, Rect sq) {
        Mat square = frame.submat(sq);
        Mat scaled = sq.width > cropSize ? Preprocessing.shrink(square, new Size(cropSize, cropSize))
                : Preprocessing.squareResize(square, cropSize); // may be a view of the frame itself
        Mat out = new Mat();
        Core.multiply(scaled, platterGains, out);
        scaled.release(); // its own pixels, or a view of the frame (then only the view's reference goes)
        square.release();
        return out;
    }

    private static Rect union(Rect a, Rect b) {
        int x = Math.min(a.x, b.x);
        int y = Math.min(a.y, b.y);
        return new Rect(x, y, Math.max(a.x + a.width, b.x + b.width) - x, Math.max(a.y + a.height, b.y + b.height) - y);
    }

    private static Mat work(Mat frame) {
        if (frame.empty() || frame.type() != CvType.CV_8UC3) throw new IllegalArgumentException("expected an 8-bit BGR frame");
        double scale = WORK_WIDTH / (double) frame.cols();
        Mat small = Preprocessing.shrink(frame, new Size(WORK_WIDTH, Math.max(1, Math.round(frame.rows() * scale))));
        Imgproc.GaussianBlur(small, small, new Size(5, 5), 0);
        return small;
    }
}
