package com.freshscale.device.vision;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.protocol.pricebook.Plu;
import com.freshscale.recognition.OpenCv;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Issue 12, "Why" point 5: HQ's "Reload model" while an item settles gave CAMERA_ERROR "NDManager has been closed
 * already" (the reload closed the model a recognition was using). A reload now retires the stage: the calls in
 * progress finish on the model they started with, the model closes when the last has left, and a call after that
 * is told to use the new stage ({@link VisionStage.Retired}), never a closed model.
 */
class ModelReloadTest {
    @TempDir
    Path tmp;

    @Test
    void aReloadNeverClosesTheModelUnderARecognitionInProgress() throws Exception {
        OpenCv.load();
        VisionStage stage = VisionStage.open(RecognitionConfig.defaults(), DeviceDatabase.open(tmp.resolve("scale.db")));
        List<Plu> book = RecognitionBench.demoPriceBook(stage.recognizer().model().spec().labels());
        Path photo = RecognizerTest.fixtures("produce").get(0);
        StillsCamera cam = StillsCamera.empty(1280, 720);
        stage.onStableZero(cam.grab());
        cam.place(Imgcodecs.imread(photo.toString()), photo.getFileName().toString());
        Mat frame = cam.grab();

        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger recognised = new AtomicInteger();
        AtomicInteger toldToUseTheNewStage = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(3);
        List<Thread> sessions = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread th = new Thread(() -> {
                started.countDown();
                for (int i = 0; i < 6; i++) {
                    try {
                        Candidates c = stage.recognise(frame.clone(), RecognizerTest.STABLE_LOAD, book);
                        if (c.outcome() == Candidates.Outcome.RECOGNISED) recognised.incrementAndGet();
                    } catch (VisionStage.Retired e) {
                        toldToUseTheNewStage.incrementAndGet();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
            th.start();
            sessions.add(th);
        }
        started.await();
        // the reload: three presses, while the recognitions run
        while (stage.users() == 0 && sessions.stream().anyMatch(Thread::isAlive)) Thread.onSpinWait();
        stage.close();
        stage.close();
        stage.close();
        for (Thread th : sessions) th.join(120_000);

        assertThat(failures).as("no call ran on a closed model").isEmpty();
        assertThat(recognised.get()).isPositive();
        assertThat(recognised.get() + toldToUseTheNewStage.get()).isEqualTo(18);
        assertThat(stage.users()).isZero();
        assertThat(stage.modelClosed()).as("closed once the last recognition left").isTrue();
    }

    @Test
    void theModelClosesWhenTheLastUserLeavesAndNotBefore() throws Exception {
        OpenCv.load();
        VisionStage stage = VisionStage.open(RecognitionConfig.defaults(), DeviceDatabase.open(tmp.resolve("scale.db")));
        List<Plu> book = RecognitionBench.demoPriceBook(stage.recognizer().model().spec().labels());
        Path photo = RecognizerTest.fixtures("produce").get(0);
        StillsCamera cam = StillsCamera.empty(1280, 720);
        stage.onStableZero(cam.grab());
        cam.place(Imgcodecs.imread(photo.toString()), photo.getFileName().toString());
        Mat frame = cam.grab();
        stage.enter(); // a session in the middle of its recognition
        stage.close();
        assertThat(stage.modelClosed()).isFalse();
        // the model is still there for whoever holds it
        assertThat(stage.recognise(frame, RecognizerTest.STABLE_LOAD, book).outcome()).isEqualTo(Candidates.Outcome.RECOGNISED);
        stage.leave();
        assertThat(stage.modelClosed()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stage.recognise(frame, RecognizerTest.STABLE_LOAD, book))
                .isInstanceOf(VisionStage.Retired.class);
    }
}
