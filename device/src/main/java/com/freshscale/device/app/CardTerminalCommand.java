package com.freshscale.device.app;

import com.freshscale.device.payment.zvt.IntermediateStatus;
import com.freshscale.device.payment.zvt.PrintOutput;
import com.freshscale.device.payment.zvt.ResultCode;
import com.freshscale.device.payment.zvt.StatusInformation;
import com.freshscale.device.payment.zvt.ZvtClient;
import com.freshscale.device.payment.zvt.ZvtOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The technician's line to the card terminal over ZVT: check the link and the terminal's answers when installing a
 * scale (registration, status enquiry, a test payment and its reversal, end-of-day, the last receipt again). Exit
 * code 0 when the terminal completed (a payment approved), 1 when it refused or aborted, 2 when it could not be
 * reached or did not answer.
 */
@Command(name = "card-terminal", mixinStandardHelpOptions = true,
        description = "Talk ZVT to a card terminal: register | status | pay AMOUNT_MINOR | reverse RECEIPT | end-of-day | repeat-receipt.")
final class CardTerminalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "register, status, pay, reverse, end-of-day or repeat-receipt")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NUMBER", description = "pay: the amount in minor units (cents); reverse: the receipt number")
    Long number;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The terminal's address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "20007", description = "The terminal's ZVT port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--password", defaultValue = "000000", description = "The terminal's 6-digit ECR password.")
    String password;

    @Option(names = "--timeout-s", defaultValue = "90", description = "How long the terminal may stay silent while it runs a command.")
    int timeoutSeconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return CommandErrors.run(this::talk);
    }

    private int talk() {
        PrintWriter out = spec.commandLine().getOut();
        if (!password.matches("[0-9]{6}")) throw new IllegalArgumentException("--password has 6 digits");
        ZvtClient client = new ZvtClient(new ZvtClient.Options(host, port, Integer.parseInt(password), 978, ZvtClient.T3,
                Duration.ofSeconds(timeoutSeconds)));
        ZvtClient.Listener print = new ZvtClient.Listener() {
            @Override
            public void intermediate(IntermediateStatus s) {
                out.printf("terminal: status %02X %s%n", s.code(), String.join(" / ", s.displayTexts()));
                out.flush();
            }

            @Override
            public void print(PrintOutput p) {
                p.lines().forEach(l -> out.println("  | " + l));
                out.flush();
            }
        };
        try {
            ZvtOutcome o = switch (action) {
                case "register" -> client.register(print);
                case "status" -> client.statusEnquiry(print);
                case "pay" -> client.authorize(require("pay needs the amount in minor units, e.g. pay 246"), print);
                case "reverse" -> client.reverse((int) require("reverse needs the receipt number, e.g. reverse 17"), print);
                case "end-of-day" -> client.endOfDay(print);
                case "repeat-receipt" -> client.repeatReceipt(print);
                default -> throw new IllegalArgumentException("unknown action '" + action + "': register, status, pay, reverse, end-of-day, repeat-receipt");
            };
            StatusInformation s = o.status();
            if (s != null) {
                out.printf("result %02X (%s)%s%s%s%s%n", s.resultCode(), ResultCode.describe(s.resultCode()),
                        s.amountMinor() == null ? "" : ", amount " + s.amountMinor(),
                        s.terminalId() == null ? "" : ", terminal " + s.terminalId(),
                        s.receiptNumber() == null ? "" : ", receipt " + s.receiptNumber(),
                        s.traceNumber() == null ? "" : ", trace " + s.traceNumber());
                if (s.totals() != null) out.printf("end-of-day: %d payments, %d in total%n", s.totals().count(), s.totals().turnoverMinor());
            }
            out.println(o.completed() ? "completed" : "aborted: " + ResultCode.describe(o.abortCode()));
            return o.completed() && (s == null || s.approved()) ? 0 : 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("card terminal " + host + ":" + port + ": " + e.getMessage());
            return 2;
        }
    }

    private long require(String message) {
        if (number == null || number <= 0) throw new IllegalArgumentException(message);
        return number;
    }
}
