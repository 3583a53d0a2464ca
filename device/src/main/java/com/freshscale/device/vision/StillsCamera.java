package com.freshscale.device.vision;

import com.freshscale.recognition.OpenCv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The simulated camera of the demo and the tests: a matte grey platter, seen with sensor noise, on which
 * {@link #place} puts one of a folder of produce stills (or any image) and {@link #clear} takes it off.
 * Frames go through the same change detection and crop as a real camera's.
 */
public final class StillsCamera implements Camera {
    private final List<Path> stills;
    private final int width;
    private final int height;
    private final Mat platter;
    private final SplittableRandom noise = new SplittableRandom(7);
    private Mat item;
    private Point offset = new Point(0, 0);
    private String showing = "empty platter";

    private StillsCamera(List<Path> stills, int width, int height) {
        this.stills = stills;
        this.width = width;
        this.height = height;
        this.platter = drawPlatter(width, height);
    }

    /** A camera over a folder of stills (JPEG/PNG, sorted by name); the platter starts empty. */
    public static StillsCamera folder(Path dir, int width, int height) {
        OpenCv.load();
        if (!Files.isDirectory(dir)) throw new CameraException("no stills folder " + dir);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> stills = files.filter(f -> f.getFileName().toString().toLowerCase().matches(".*\\.(jpe?g|png)"))
                    .sorted().toList();
            if (stills.isEmpty()) throw new CameraException("no .jpg or .png stills in " + dir);
            return new StillsCamera(stills, width, height);
        } catch (IOException e) {
            throw new CameraException("cannot list stills folder " + dir + ": " + e.getMessage());
        }
    }

    /** A camera with no stills folder: items are placed as images. */
    public static StillsCamera empty(int width, int height) {
        OpenCv.load();
        return new StillsCamera(List.of(), width, height);
    }

    public List<Path> stills() {
        return stills;
    }

    /** Puts still number {@code index} (modulo the folder size) on the platter. */
    public synchronized void place(int index) {
        if (stills.isEmpty()) throw new IllegalStateException("this camera has no stills folder");
        Path p = stills.get(Math.floorMod(index, stills.size()));
        place(p, p.getFileName().toString());
    }

    /** Puts the photo in file {@code photo} on the platter (see {@link #place(Mat, String)}). */
    public synchronized void place(Path photo, String name) {
        Mat img = Imgcodecs.imread(photo.toString(), Imgcodecs.IMREAD_COLOR);
        if (img.empty()) throw new CameraException("cannot decode still " + photo);
        try {
            place(img, name);
        } finally {
            img.release(); // place keeps a scaled copy
        }
    }

    /**
     * Puts {@code bgr} on the platter: scaled to 60 % of the frame height, slightly off centre, as a shopper
     * would put a bag of produce down.
     */
    public synchronized void place(Mat bgr, String name) {
        int side = (int) (height * 0.6);
        double scale = side / (double) Math.max(bgr.cols(), bgr.rows());
        Mat scaled = new Mat();
        Imgproc.resize(bgr, scaled, new Size(Math.max(1, bgr.cols() * scale), Math.max(1, bgr.rows() * scale)), 0, 0,
                Imgproc.INTER_AREA);
        if (item != null) item.release();
        item = scaled;
        offset = new Point(noise.nextInt(-width / 12, width / 12 + 1), noise.nextInt(-height / 12, height / 12 + 1));
        showing = name;
    }

    /** Takes everything off the platter. */
    public synchronized void clear() {
        if (item != null) item.release();
        item = null;
        showing = "empty platter";
    }

    @Override
    public synchronized Mat grab() {
        Mat frame = platter.clone();
        if (item != null) {
            int x = (int) Math.max(0, Math.min(width - item.cols(), (width - item.cols()) / 2 + offset.x));
            int y = (int) Math.max(0, Math.min(height - item.rows(), (height - item.rows()) / 2 + offset.y));
            item.copyTo(frame.submat(new Rect(x, y, item.cols(), item.rows())));
        }
        // sensor noise, σ ≈ 2 levels: what a real camera adds, and what change detection must ignore
        Mat n = new Mat(height, width, CvType.CV_16SC3);
        Mat f16 = new Mat();
        try {
            Core.randn(n, 0, 2);
            frame.convertTo(f16, CvType.CV_16SC3);
            Core.add(f16, n, f16);
            f16.convertTo(frame, CvType.CV_8UC3);
        } finally {
            // 11 MB of native memory a frame that the Java heap does not see: left to the garbage collector it
            // piles up between collections (the demo scale reached 1 GB resident after 100 placements)
            n.release();
            f16.release();
        }
        return frame;
    }

    /** The empty platter: light warm grey with a soft vignette, as under a shop's ceiling light. */
    private static Mat drawPlatter(int width, int height) {
        // the vignette is smooth, so draw it at 1/16 scale and enlarge: a full-size blur this wide is slow
        int w = Math.max(8, width / 16);
        int h = Math.max(8, height / 16);
        Mat small = new Mat(h, w, CvType.CV_8UC3, new Scalar(0, 0, 0));
        Imgproc.ellipse(small, new Point(w / 2.0, h / 2.0), new Size(w * 0.55, h * 0.55), 0, 0, 360, new Scalar(18, 18, 18), -1);
        Imgproc.GaussianBlur(small, small, new Size(0, 0), Math.max(w, h) / 8.0);
        Mat vignette = new Mat();
        Imgproc.resize(small, vignette, new Size(width, height), 0, 0, Imgproc.INTER_LINEAR);
        Mat m = new Mat(height, width, CvType.CV_8UC3, new Scalar(176, 184, 190));
        Core.add(m, vignette, m);
        return m;
    }

    @Override
    public synchronized String describe() {
        return "simulated platter " + width + "x" + height + " showing " + showing;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
