package com.freshscale.device.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.recognition.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class ThumbnailTest {
    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    @Test
    void encodesTheCropOnceWhenFirstAskedFor() {
        Mat crop = new Mat(128, 128, CvType.CV_8UC3, new Scalar(30, 120, 200));
        Thumbnail t = Thumbnail.of(crop);
        byte[] jpeg = t.jpeg();
        assertThat(t.jpeg()).isSameAs(jpeg);
        assertThat(crop.empty()).as("the thumbnail owns its crop and releases it once encoded").isTrue();
        Mat decoded = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
        assertThat(decoded.rows()).isEqualTo(128);
        assertThat(decoded.cols()).isEqualTo(128);
        // JPEG is lossy, but a flat colour comes back within a few levels
        assertThat(decoded.get(64, 64)[2]).isCloseTo(200.0, org.assertj.core.data.Offset.offset(4.0));
    }

    @Test
    void anEncodedThumbnailIsKeptAsItIs() {
        byte[] jpeg = {1, 2, 3};
        assertThat(Thumbnail.ofJpeg(jpeg).jpeg()).isSameAs(jpeg);
    }

    @Test
    void anEmptyCropIsAClearError() {
        assertThatThrownBy(() -> Thumbnail.of(new Mat())).hasMessageContaining("empty crop");
    }
}
