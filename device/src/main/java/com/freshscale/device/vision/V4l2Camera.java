package com.freshscale.device.vision;

import com.freshscale.recognition.OpenCv;
import org.opencv.core.Mat;
import org.opencv.videoio.VideoCapture;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

/**
 * A USB (UVC) camera, or the Raspberry Pi camera through libcamera's V4L2 compatibility layer, opened with
 * OpenCV's V4L2 back-end. MJPG is requested because most UVC cameras deliver 720p at 30 fps only
 * compressed (YUYV at 720p is typically 10 fps over USB 2). V4L2 keeps a small queue of buffers, so a
 * grab first drops {@code flushFrames} queued frames: the shopper's item must be in the frame, not the
 * moment before it was put down.
 */
public final class V4l2Camera implements Camera {
    private final VideoCapture capture;
    private final int index;
    private final int flushFrames;

    private V4l2Camera(VideoCapture capture, int index, int flushFrames) {
        this.capture = capture;
        this.index = index;
        this.flushFrames = flushFrames;
    }

    public static V4l2Camera open(int index, int width, int height, int flushFrames) {
        OpenCv.load();
        VideoCapture cap = new VideoCapture(index, Videoio.CAP_V4L2);
        if (!cap.isOpened()) {
            cap.release();
            throw new CameraException("cannot open camera /dev/video" + index + " with V4L2 (is it connected, and is "
                    + "the user in group 'video'?)");
        }
        cap.set(Videoio.CAP_PROP_FOURCC, VideoWriter.fourcc('M', 'J', 'P', 'G'));
        cap.set(Videoio.CAP_PROP_FRAME_WIDTH, width);
        cap.set(Videoio.CAP_PROP_FRAME_HEIGHT, height);
        return new V4l2Camera(cap, index, flushFrames);
    }

    @Override
    public synchronized Mat grab() {
        for (int i = 0; i < flushFrames; i++) capture.grab();
        Mat frame = new Mat();
        if (!capture.read(frame) || frame.empty()) throw new CameraException("camera /dev/video" + index + " delivered no frame");
        return frame;
    }

    @Override
    public String describe() {
        return "V4L2 /dev/video" + index + " " + (int) capture.get(Videoio.CAP_PROP_FRAME_WIDTH) + "x"
                + (int) capture.get(Videoio.CAP_PROP_FRAME_HEIGHT);
    }

    @Override
    public synchronized void close() {
        capture.release();
    }
}
