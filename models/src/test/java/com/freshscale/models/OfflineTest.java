package com.freshscale.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof that nothing is downloaded at run time: a fresh JVM with DJL in offline mode, an empty DJL cache and
 * every HTTP(S) connection sent to a dead proxy still loads the PyTorch engine (natives from the
 * pytorch-native-cpu jar) and trains a step.
 */
class OfflineTest {
    @TempDir
    Path tmp;

    @Test
    void enginesLoadAndTrainWithNoNetworkAndAnEmptyCache() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("djl-cache"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java,
                "-Dai.djl.offline=true",
                "-DDJL_CACHE_DIR=" + cache, "-DENGINE_CACHE_DIR=" + cache,
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9", "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
                "-cp", System.getProperty("java.class.path"), OfflineProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("offline=true").contains("engine=PyTorch").contains("loss fell");
        // the natives came out of the jar into the fresh cache, not from the network
        try (var files = Files.walk(cache)) {
            assertThat(files.map(Path::toString).anyMatch(f -> f.endsWith("libtorch.so") || f.endsWith("libtorch_cpu.so")))
                    .as("natives extracted to " + cache + File.separator).isTrue();
        }
    }
}
