package com.freshscale.device.vision;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.recognition.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

class PlatterViewTest {
    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    private static Mat apples() {
        Mat m = new Mat(200, 200, CvType.CV_8UC3, new Scalar(30, 60, 40));
        Imgproc.circle(m, new Point(70, 80), 45, new Scalar(20, 30, 200), -1);
        Imgproc.circle(m, new Point(130, 120), 45, new Scalar(30, 40, 180), -1);
        return m;
    }

    @Test
    void anEmptyPlatterWithSensorNoiseIsEmpty() {
        StillsCamera cam = StillsCamera.empty(1280, 720);
        PlatterView view = PlatterView.standard(128);
        view.learnEmpty(cam.grab());
        for (int i = 0; i < 5; i++) {
            PlatterView.Look look = view.look(cam.grab());
            assertThat(look.status()).isEqualTo(PlatterView.Look.Status.EMPTY);
            assertThat(look.crop()).isNull();
        }
    }

    @Test
    void findsAndCropsWhatWasPutDown() {
        StillsCamera cam = StillsCamera.empty(1280, 720);
        PlatterView view = PlatterView.standard(128);
        view.learnEmpty(cam.grab());
        cam.place(apples(), "apples");
        PlatterView.Look look = view.look(cam.grab());
        assertThat(look.status()).isEqualTo(PlatterView.Look.Status.ITEM);
        // the still is 60 % of the frame height (432 px) and lies near the centre
        assertThat(look.box().width).isBetween(400, 470);
        assertThat(look.box().height).isBetween(400, 470);
        assertThat(look.box().x + look.box().width / 2).isBetween(640 - 130, 640 + 130);
        assertThat(look.crop().size()).isEqualTo(new Size(128, 128));
        assertThat(look.changedFraction()).isGreaterThan(0.1);
    }

    @Test
    void aSmallObjectIsFoundToo() {
        StillsCamera cam = StillsCamera.empty(1280, 720);
        PlatterView view = PlatterView.standard(128);
        view.learnEmpty(cam.grab());
        Mat frame = cam.grab();
        Imgproc.circle(frame, new Point(300, 200), 60, new Scalar(20, 160, 230), -1); // one lemon-sized blob
        PlatterView.Look look = view.look(frame);
        assertThat(look.status()).isEqualTo(PlatterView.Look.Status.ITEM);
        assertThat(look.box().x).isBetween(220, 260);
        assertThat(look.box().width).isBetween(100, 140);
    }

    @Test
    void withoutAReferenceTheWholeFrameIsTaken() {
        PlatterView view = PlatterView.standard(128);
        Mat frame = new Mat(new Size(640, 480), CvType.CV_8UC3, new Scalar(100, 100, 100));
        PlatterView.Look look = view.look(frame);
        assertThat(look.status()).isEqualTo(PlatterView.Look.Status.ITEM);
        assertThat(look.crop().size()).isEqualTo(new Size(128, 128));
    }

    @Test
    void colourIsNormalisedAgainstTheGreyPlatter() {
        // a warm light: the platter looks orange; the crop is corrected by the same gains
        Mat warmPlatter = new Mat(480, 640, CvType.CV_8UC3, new Scalar(120, 150, 180));
        PlatterView view = PlatterView.standard(128);
        view.learnEmpty(warmPlatter);
        Mat frame = warmPlatter.clone();
        Imgproc.rectangle(frame, new Point(200, 150), new Point(440, 330), new Scalar(120, 150, 180 - 90), -1);
        PlatterView.Look look = view.look(frame);
        assertThat(look.status()).isEqualTo(PlatterView.Look.Status.ITEM);
        double[] corner = look.crop().get(2, 2); // platter inside the crop margin: grey after correction
        assertThat(Math.abs(corner[0] - corner[2])).isLessThan(4);
    }
}
