package com.freshscale.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.ui.KioskBackend;
import com.freshscale.device.app.ScaleApp;
import com.freshscale.device.ui.Session;
import com.freshscale.protocol.sales.Sale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The scale app end to end through its backend API (the kiosk's calls), against the real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleAppTest {
    DemoStack stack;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        stack = new DemoStack(tmp);
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    private String state() {
        return (String) stack.scale.view().get("state");
    }

    private void awaitState(String... states) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> List.of(states).contains(state()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("expected one of " + List.of(states) + ", the kiosk shows " + stack.scale.view(), e);
        }
    }

    @Test
    void aWeighedItemIsRecordedInTheOutboxBeforeItsLabelPrintsAndReachesTheServer() throws Exception {
        KioskBackend.Simulation sim = stack.scale.simulation().orElseThrow();
        String bananaPhoto = (String) sim.photos().stream().filter(p -> p.get("class").equals("Banana")).findFirst()
                .orElseThrow().get("id");
        sim.place(bananaPhoto, 1234);
        awaitState("SUGGESTING", "CAMERA_ERROR", "PICKED", "PRICED");
        Session.Answer pick = stack.scale.pick("4011", 0);
        assertThat(pick.accepted()).as(String.valueOf(pick.messageKey())).isTrue();
        awaitState("PRICED");
        @SuppressWarnings("unchecked")
        Map<String, Object> priced = (Map<String, Object>) stack.scale.view().get("priced");
        long net = ((Number) priced.get("net_mg")).longValue();
        assertThat(net).isBetween(1_230_000L, 1_238_000L);
        long before = stack.server.ingest().stored();
        assertThat(stack.scale.print().accepted()).isTrue();
        assertThat(state()).isEqualTo("PRINTED");
        try (var files = Files.list(stack.labels())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).anyMatch(n -> n.endsWith(".zpl")).anyMatch(n -> n.endsWith(".png"));
        }
        Awaitility.await("the sale reaches the server").atMost(Duration.ofSeconds(10))
                .until(() -> stack.server.ingest().stored() > before);
        Awaitility.await("the server's ack closes the outbox entry").atMost(Duration.ofSeconds(10))
                .until(() -> stack.scale.sync().outbox().depth() == 0);
        assertThat(stack.scale.print().accepted()).as("one label per weighing").isFalse();
        sim.takeOff();
        awaitState("REMOVED", "IDLE");
    }
}
