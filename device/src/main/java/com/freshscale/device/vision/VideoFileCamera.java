package com.freshscale.device.vision;

import com.freshscale.recognition.OpenCv;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.Videoio;

/**
 * Frames replayed from a recording through OpenCV: an image sequence ({@code CAP_IMAGES}, a printf pattern
 * such as {@code frames/f_%04d.jpg}) or a Motion-JPEG AVI file (OpenCV's built-in MJPEG reader, no FFmpeg
 * needed). Plays once; after the last frame {@link #grab()} fails, as a camera that was unplugged would.
 */
public final class VideoFileCamera implements Camera {
    private final VideoCapture capture;
    private final String source;

    private VideoFileCamera(VideoCapture capture, String source) {
        this.capture = capture;
        this.source = source;
    }

    public static VideoFileCamera imageSequence(String pattern) {
        OpenCv.load();
        VideoCapture cap = new VideoCapture(pattern, Videoio.CAP_IMAGES);
        if (!cap.isOpened()) {
            cap.release();
            throw new CameraException("cannot open image sequence '" + pattern + "' (a printf pattern, e.g. f_%04d.jpg, "
                    + "whose first file exists)");
        }
        return new VideoFileCamera(cap, "images " + pattern);
    }

    public static VideoFileCamera mjpg(Path file) {
        OpenCv.load();
        if (!Files.isRegularFile(file)) throw new CameraException("no MJPG file " + file);
        VideoCapture cap = new VideoCapture(file.toString(), Videoio.CAP_OPENCV_MJPEG);
        if (!cap.isOpened()) {
            cap.release();
            throw new CameraException("cannot open " + file + " as a Motion-JPEG AVI file");
        }
        return new VideoFileCamera(cap, "mjpg " + file);
    }

    @Override
    public synchronized Mat grab() {
        Mat frame = new Mat();
        if (!capture.read(frame) || frame.empty()) throw new CameraException(source + ": no more frames");
        return frame;
    }

    @Override
    public String describe() {
        return source;
    }

    @Override
    public synchronized void close() {
        capture.release();
    }
}
