package com.freshscale.device.vision;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.recognition.LearningRule;
import com.freshscale.recognition.ModelSpec;
import com.freshscale.recognition.OpenCv;
import com.freshscale.recognition.Preprocessing;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * OpenCV's pixels live in native memory that the Java heap does not count, so the garbage collector frees them
 * late: the demo scale reached 1 GB resident after 100 placements (11 MB of simulated sensor noise and a 2.7 MB
 * frame a grab, all left to the collector). The scale now releases every frame, crop and working image when it
 * is done with it. These tests hold the releases to what must survive them: the caller's frame, and the crop the
 * candidates keep for the gallery's thumbnail.
 */
class NativeMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void theThumbnailASaleTeachesSurvivesTheReleaseOfFrameAndCrop() throws Exception {
        OpenCv.load();
        try (VisionStage stage = VisionStage.open(RecognitionConfig.defaults(), DeviceDatabase.open(tmp.resolve("scale.db")))) {
            List<Plu> book = RecognitionBench.demoPriceBook(stage.recognizer().model().spec().labels());
            Path photo = RecognizerTest.fixtures("produce").get(0);
            StillsCamera cam = StillsCamera.empty(1280, 720);
            Mat empty = cam.grab();
            stage.onStableZero(empty);
            empty.release();
            Mat img = Imgcodecs.imread(photo.toString());
            cam.place(img, photo.getFileName().toString());
            img.release();
            Mat frame = cam.grab();

            Candidates c = stage.recognise(frame, RecognizerTest.STABLE_LOAD, book);
            assertThat(frame.empty()).as("the caller owns the frame: the stage leaves it as it was").isFalse();
            assertThat(stage.recognise(frame, RecognizerTest.STABLE_LOAD, book).candidates())
                    .as("the same frame again gives the same candidates").isEqualTo(c.candidates());
            frame.release();
            cam.clear();

            assertThat(c.outcome()).isEqualTo(Candidates.Outcome.RECOGNISED);
            // the crop was released when the stage returned; the thumbnail is encoded only now, from its own view
            Mat thumb = Imgcodecs.imdecode(new MatOfByte(c.thumbnail().jpeg()), Imgcodecs.IMREAD_COLOR);
            int side = stage.recognizer().model().spec().resizeSize();
            assertThat(thumb.empty()).isFalse();
            assertThat(thumb.cols()).isEqualTo(side);
            assertThat(thumb.rows()).isEqualTo(side);
            Plu first = c.candidates().get(0).plu();
            assertThat(stage.confirm(first, c, false, Plu::unitPriceMinor)).isEqualTo(LearningRule.Decision.LEARN);
            assertThat(stage.recognizer().gallery().size()).isEqualTo(1);
        }
    }

    @Test
    void theNetworksViewOfAnImageIsACopyOfItsOwnAndReleasingItLeavesTheImage() throws Exception {
        OpenCv.load();
        ModelSpec spec;
        try (VisionStage stage = VisionStage.open(RecognitionConfig.defaults(), DeviceDatabase.open(tmp.resolve("scale.db")))) {
            spec = stage.recognizer().model().spec();
        }
        Path photo = RecognizerTest.fixtures("produce").get(0);
        // a square crop already at the resize size, as the scale's platter view hands it on: the resized square
        // is then a view of the caller's image, and releasing the network's view must not take the image with it
        Mat img = Preprocessing.squareResize(Imgcodecs.imread(photo.toString()), spec.resizeSize()).clone();
        byte[] imageBefore = Preprocessing.pixels(img);
        Mat centre = Preprocessing.centre(img, spec);
        assertThat(centre.isContinuous()).as("read without another copy").isTrue();
        assertThat(centre.isSubmatrix()).as("pixels of its own, not a view of the image").isFalse();
        byte[] centreBefore = Preprocessing.pixels(centre);
        img.release();
        assertThat(Preprocessing.pixels(centre)).as("releasing the image leaves the network's view").isEqualTo(centreBefore);
        Mat img2 = Preprocessing.squareResize(Imgcodecs.imread(photo.toString()), spec.resizeSize()).clone();
        Preprocessing.centre(img2, spec).release();
        assertThat(img2.empty()).as("releasing the network's view leaves the image").isFalse();
        assertThat(Preprocessing.pixels(img2)).isEqualTo(imageBefore);
    }
}
