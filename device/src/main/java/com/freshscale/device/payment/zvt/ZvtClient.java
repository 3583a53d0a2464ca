package com.freshscale.device.payment.zvt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ECR side of ZVT over TCP: sends one command, waits for the PT's acknowledgement (T3), then, while the PT holds
 * the master rights, acknowledges and hands on what it sends (intermediate status, status information, receipt
 * text) until completion or abort. One command at a time; each on its own connection (a PT closes the connection
 * when it likes, and a half-read connection must never carry the next payment). {@link #abort} may be called from
 * another thread while a command runs: it sends 06 B0 on that command's connection.
 */
public final class ZvtClient {
    private static final Logger LOG = LoggerFactory.getLogger(ZvtClient.class);
    /** Spec 2.2: an acknowledgement comes within T3 = 5 s. */
    public static final Duration T3 = Duration.ofSeconds(5);

    /** What the PT says while it runs a command. */
    public interface Listener {
        default void intermediate(IntermediateStatus status) {
        }

        default void statusInformation(StatusInformation status) {
        }

        default void print(PrintOutput output) {
        }
    }

    /**
     * @param password the PT's ECR password (6 digits)
     * @param currency ISO 4217 numeric (978 = EUR)
     * @param silence  the longest the PT may stay silent while it runs a command (it sends intermediate status
     *                 every few seconds while it waits for a card or a PIN)
     */
    public record Options(String host, int port, int password, int currency, Duration ackTimeout, Duration silence) {
        public static final int DEFAULT_PORT = 20007;

        public Options {
            if (password < 0 || password > 999_999) throw new IllegalArgumentException("the ECR password has 6 digits");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        }

        public static Options of(String host, int port) {
            return new Options(host, port, 0, Commands.EURO, T3, Duration.ofSeconds(90));
        }
    }

    private final Options options;
    private volatile Socket current;
    private final Object writeLock = new Object();

    public ZvtClient(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Registration (06 00): currency and the self-service config; the PT completes with its terminal id. */
    public ZvtOutcome register(Listener l) throws IOException {
        return run(Commands.registration(options.password(), Commands.SELF_SERVICE_CONFIG, options.currency()), l);
    }

    public ZvtOutcome authorize(long amountMinor, Listener l) throws IOException {
        return run(Commands.authorization(amountMinor), l);
    }

    public ZvtOutcome reverse(int receiptNumber, Listener l) throws IOException {
        return run(Commands.reversal(options.password(), receiptNumber), l);
    }

    public ZvtOutcome endOfDay(Listener l) throws IOException {
        return run(Commands.endOfDay(options.password()), l);
    }

    public ZvtOutcome repeatReceipt(Listener l) throws IOException {
        return run(Commands.repeatReceipt(options.password()), l);
    }

    public ZvtOutcome statusEnquiry(Listener l) throws IOException {
        return run(Commands.statusEnquiry(options.password()), l);
    }

    /** Asks the PT to stop the running command (06 B0); it then ends it with 06 1E. False if nothing runs. */
    public boolean abort() {
        Socket s = current;
        if (s == null) return false;
        try {
            send(s.getOutputStream(), Commands.abort());
            return true;
        } catch (IOException e) {
            LOG.warn("could not send abort to the card terminal: {}", e.getMessage());
            return false;
        }
    }

    /** Runs {@code command} to its completion or abort. */
    public synchronized ZvtOutcome run(Apdu command, Listener listener) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(options.host(), options.port()), (int) options.ackTimeout().toMillis());
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            current = s;
            try {
                send(out, command);
                s.setSoTimeout((int) options.ackTimeout().toMillis());
                Apdu ack = read(in, "acknowledgement of " + name(command));
                if (ack.negativeAck()) {
                    return new ZvtOutcome(false, ack.instr(), null, List.of());
                }
                if (!ack.positiveAck()) throw new ZvtFormatException("expected an acknowledgement, got " + ack);
                s.setSoTimeout((int) options.silence().toMillis());
                StatusInformation status = null;
                List<PrintOutput> receipts = new ArrayList<>();
                while (true) {
                    Apdu m = read(in, "the terminal's next message");
                    switch (m.command()) {
                        case Apdu.INTERMEDIATE_STATUS -> {
                            send(out, Apdu.ack());
                            listener.intermediate(IntermediateStatus.parse(m));
                        }
                        case Apdu.STATUS_INFORMATION -> {
                            status = StatusInformation.parse(m);
                            send(out, Apdu.ack());
                            listener.statusInformation(status);
                        }
                        case Apdu.PRINT_LINE, Apdu.PRINT_TEXT_BLOCK -> {
                            PrintOutput p = PrintOutput.parse(m);
                            receipts.add(p);
                            send(out, Apdu.ack());
                            listener.print(p);
                        }
                        case Apdu.COMPLETION -> {
                            send(out, Apdu.ack());
                            return new ZvtOutcome(true, -1, status, receipts);
                        }
                        case Apdu.ABORT_FROM_PT -> {
                            send(out, Apdu.ack());
                            byte[] d = m.data();
                            return new ZvtOutcome(false, d.length > 0 ? d[0] & 0xFF : ResultCode.SYSTEM_ERROR, status, receipts);
                        }
                        default -> {
                            // the acknowledgement of our own 06 B0, or a message this ECR does not use: acknowledge and go on
                            if (!m.positiveAck()) {
                                LOG.debug("card terminal sent {} during {}: not used", m, name(command));
                                send(out, Apdu.ack());
                            }
                        }
                    }
                }
            } finally {
                current = null;
            }
        }
    }

    private void send(OutputStream out, Apdu a) throws IOException {
        synchronized (writeLock) {
            out.write(a.encode());
            out.flush();
        }
    }

    private static Apdu read(InputStream in, String what) throws IOException {
        try {
            return Apdu.read(in);
        } catch (SocketTimeoutException e) {
            throw new ZvtTimeoutException("the card terminal did not send " + what + " in time");
        }
    }

    static String name(Apdu a) {
        return switch (a.command()) {
            case Apdu.REGISTRATION -> "registration";
            case Apdu.AUTHORIZATION -> "authorisation";
            case Apdu.REVERSAL -> "reversal";
            case Apdu.END_OF_DAY -> "end-of-day";
            case Apdu.REPEAT_RECEIPT -> "repeat receipt";
            case Apdu.STATUS_ENQUIRY -> "status enquiry";
            default -> String.format("command %04X", a.command());
        };
    }
}
