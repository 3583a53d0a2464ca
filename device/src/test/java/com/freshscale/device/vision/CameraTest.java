package com.freshscale.device.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.config.ConfigException;
import com.freshscale.device.config.ConfigFile;
import com.freshscale.recognition.OpenCv;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.videoio.VideoWriter;
import org.opencv.videoio.Videoio;

class CameraTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    private static Mat solid(int b, int g, int r) {
        return new Mat(120, 160, CvType.CV_8UC3, new Scalar(b, g, r));
    }

    private static double[] meanBgr(Mat m) {
        Scalar s = Core.mean(m);
        return new double[] {s.val[0], s.val[1], s.val[2]};
    }

    @Test
    void replaysAnImageSequenceInOrderThenReportsTheEnd() {
        int[][] colours = {{200, 0, 0}, {0, 200, 0}, {0, 0, 200}};
        for (int i = 0; i < colours.length; i++) {
            Imgcodecs.imwrite(tmp.resolve(String.format("f_%04d.png", i)).toString(), solid(colours[i][0], colours[i][1], colours[i][2]));
        }
        CameraConfig cfg = new CameraConfig(CameraConfig.Source.IMAGES, 0, tmp.resolve("f_%04d.png").toString(), 640, 480, 0);
        try (Camera cam = cfg.open()) {
            for (int[] c : colours) {
                Mat f = cam.grab();
                assertThat(f.type()).isEqualTo(CvType.CV_8UC3);
                assertThat(meanBgr(f)).containsExactly(c[0], c[1], c[2]);
            }
            assertThatThrownBy(cam::grab).isInstanceOf(CameraException.class).hasMessageContaining("no more frames");
        }
    }

    @Test
    void readsAMotionJpegFileWithOpenCvsOwnCodec() {
        Path avi = tmp.resolve("session.avi");
        VideoWriter w = new VideoWriter(avi.toString(), Videoio.CAP_OPENCV_MJPEG, VideoWriter.fourcc('M', 'J', 'P', 'G'),
                10, new Size(160, 120), true);
        assertThat(w.isOpened()).isTrue();
        for (int i = 0; i < 5; i++) w.write(solid(40 * i, 100, 30));
        w.release();
        try (Camera cam = VideoFileCamera.mjpg(avi)) {
            for (int i = 0; i < 5; i++) {
                double[] bgr = meanBgr(cam.grab());
                assertThat(bgr[0]).isCloseTo(40.0 * i, org.assertj.core.api.Assertions.within(4.0)); // JPEG is lossy
                assertThat(bgr[1]).isCloseTo(100.0, org.assertj.core.api.Assertions.within(4.0));
            }
            assertThatThrownBy(cam::grab).isInstanceOf(CameraException.class);
        }
    }

    @Test
    void missingSourcesAreClearErrors() {
        assertThatThrownBy(() -> VideoFileCamera.imageSequence(tmp.resolve("none_%04d.jpg").toString()))
                .isInstanceOf(CameraException.class).hasMessageContaining("none_%04d.jpg");
        assertThatThrownBy(() -> VideoFileCamera.mjpg(tmp.resolve("none.avi")))
                .isInstanceOf(CameraException.class).hasMessageContaining("no MJPG file");
        assertThatThrownBy(() -> StillsCamera.folder(tmp, 640, 480))
                .isInstanceOf(CameraException.class).hasMessageContaining("no .jpg or .png stills");
    }

    @Test
    void stillsCameraShowsTheEmptyPlatterOrTheChosenStill() throws Exception {
        Imgcodecs.imwrite(tmp.resolve("a.png").toString(), solid(0, 0, 255));
        Imgcodecs.imwrite(tmp.resolve("b.png").toString(), solid(255, 0, 0));
        Files.writeString(tmp.resolve("notes.txt"), "not an image");
        try (StillsCamera cam = StillsCamera.folder(tmp, 640, 480)) {
            assertThat(cam.stills()).extracting(p -> p.getFileName().toString()).containsExactly("a.png", "b.png");
            Mat empty = cam.grab();
            assertThat(empty.size()).isEqualTo(new Size(640, 480));
            cam.place(1);
            Mat withItem = cam.grab();
            assertThat(withItem.get(240, 320)[0]).isGreaterThan(240); // the blue still is in the middle
            assertThat(cam.describe()).contains("b.png");
            cam.clear();
            assertThat(cam.grab().get(240, 320)[0]).isLessThan(220);
        }
    }

    @Test
    void cameraSectionIsBoundStrictly() {
        String ok = "camera:\n  source: images\n  device: 0\n  path: /tmp/f_%04d.jpg\n  width: 1280\n  height: 720\n  flushFrames: 0\n";
        CameraConfig c = config(ok).section("camera", CameraConfig.class);
        assertThat(c.source()).isEqualTo(CameraConfig.Source.IMAGES);
        assertThatThrownBy(() -> config(ok.replace("images", "webcam")).section("camera", CameraConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("camera.source");
        assertThatThrownBy(() -> config(ok + "  zoom: 2\n").section("camera", CameraConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("camera.zoom");
        assertThatThrownBy(() -> config(ok.replace("path: /tmp/f_%04d.jpg", "path: \"\"")).section("camera", CameraConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("camera.path is required");
        assertThatThrownBy(() -> config(ok.replace("width: 1280", "width: 10")).section("camera", CameraConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("width");
    }

    @Test
    void recognitionSectionIsBoundStrictly() {
        String ok = """
                recognition:
                  model: bundled
                  topK: 4
                  autoPickConfidence: 0.9
                  autoPickMargin: 0.6
                  minConfidence: 0.10
                  minWeightMg: 8000
                  handSkinFraction: 0.90
                  handMaxConfidence: 0.35
                  galleryMaxEntries: 10000
                  galleryMaxPerPlu: 300
                  mismatchConfidence: 0.7
                """;
        assertThat(config(ok).section("recognition", RecognitionConfig.class)).isEqualTo(RecognitionConfig.defaults());
        assertThatThrownBy(() -> config(ok.replace("topK: 4", "topK: 0")).section("recognition", RecognitionConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("topK");
        assertThatThrownBy(() -> config(ok.replace("autoPickMargin: 0.6", "autoPickMargin: 1.5")).section("recognition", RecognitionConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("autoPickMargin");
        assertThatThrownBy(() -> config(ok.replace("  mismatchConfidence: 0.7\n", "")).section("recognition", RecognitionConfig.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mismatchConfidence");
    }

    private static ConfigFile config(String yaml) {
        return ConfigFile.parse("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
