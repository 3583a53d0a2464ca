package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.device.payment.zvt.sim.TerminalSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The technician's card-terminal command against the simulated terminal over TCP: exit codes and what it prints. */
class CardTerminalCommandTest {
    TerminalSimulator terminal;

    record Run(int exit, String out) {}

    @BeforeEach
    void start() throws Exception {
        terminal = TerminalSimulator.start("127.0.0.1", 0, 52500038, Duration.ofMillis(50), Duration.ofMillis(200));
    }

    @AfterEach
    void stop() {
        terminal.close();
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = DeviceMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        List<String> all = new ArrayList<>(List.of("card-terminal", "--port", Integer.toString(terminal.port())));
        all.addAll(List.of(args));
        return new Run(cl.execute(all.toArray(String[]::new)), out.toString());
    }

    @Test
    void aTestPaymentItsReversalAndTheEndOfDay() {
        assertThat(run("register").exit()).isZero();
        Run pay = run("pay", "246");
        assertThat(pay.exit()).as(pay.out()).isZero();
        assertThat(pay.out()).contains("terminal: status 0A", "result 00 (no error), amount 246, terminal 52500038, receipt 1", "| Betrag EUR 2,46");
        terminal.nextAnswer(TerminalSimulator.Answer.DECLINE);
        Run declined = run("pay", "999");
        assertThat(declined.exit()).isEqualTo(1);
        assertThat(declined.out()).contains("aborted: declined by the authorisation host (code 05)");
        assertThat(run("reverse", "1").exit()).isZero();
        assertThat(run("reverse", "1").out()).contains("already reversed");
        Run eod = run("end-of-day");
        assertThat(eod.exit()).isZero();
        assertThat(eod.out()).contains("end-of-day: 0 payments, 0 in total");
        assertThat(terminal.reversals()).isEqualTo(1);
    }

    @Test
    void badArgumentsAndAnUnreachableTerminalExitWith2() {
        assertThat(run("pay").exit()).isEqualTo(2);
        assertThat(run("refund", "5").exit()).isEqualTo(2);
        assertThat(run("status", "--password", "12").exit()).isEqualTo(2);
        int port = terminal.port();
        terminal.close();
        StringWriter out = new StringWriter();
        CommandLine cl = DeviceMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("card-terminal", "--port", Integer.toString(port), "status")).isEqualTo(2);
        assertThat(terminal.journal()).isEmpty();
    }
}
