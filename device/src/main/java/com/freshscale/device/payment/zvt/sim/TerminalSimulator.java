package com.freshscale.device.payment.zvt.sim;

import com.freshscale.device.payment.zvt.Apdu;
import com.freshscale.device.payment.zvt.Bcd;
import com.freshscale.device.payment.zvt.Bmp;
import com.freshscale.device.payment.zvt.Commands;
import com.freshscale.device.payment.zvt.EndOfDayTotals;
import com.freshscale.device.payment.zvt.Fields;
import com.freshscale.device.payment.zvt.IntermediateStatus;
import com.freshscale.device.payment.zvt.PrintOutput;
import com.freshscale.device.payment.zvt.ResultCode;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A card terminal (PT) that speaks ZVT on a TCP port, for the demo and the tests: real protocol, simulated card and
 * bank. It registers, authorises (the shopper presents a card after {@code cardDelay}; the bank answers), reverses
 * by receipt number, closes the day with its totals, repeats the last receipt and answers a status enquiry, and it
 * keeps a journal of what it booked, as a terminal does.
 *
 * <p>What the next payment meets is chosen with {@link #nextAnswer}: approved, declined by the bank, a PIN to enter
 * (a delay), a terminal that acknowledges and then says nothing (timeout), or one that books the payment and then
 * loses the connection before it can report it. The shopper (or the ECR) can abort while the terminal waits for the
 * card or the PIN (06 B0).
 */
public final class TerminalSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalSimulator.class);

    /** What the next authorisation meets. */
    public enum Answer {
        /** The card is read, the bank approves. */
        APPROVE,
        /** The bank declines (result code 05). */
        DECLINE,
        /** The card asks for its PIN: the shopper takes {@code pinDelay} to type it, then the bank approves. */
        PIN,
        /** The terminal acknowledges the command and then never answers. */
        TIMEOUT,
        /** The bank approves and the terminal books it, then the connection is lost before the result is sent. */
        DISCONNECT
    }

    /** One booking in the terminal's journal: a payment, or the reversal of one. */
    public record Booking(int receipt, long trace, long amountMinor, boolean reversal, Integer reversedReceipt, LocalDateTime at) {}

    private final ServerSocket server;
    private final long terminalId;
    private final Duration cardDelay;
    private final Duration pinDelay;
    private final Clock clock;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "zvt-simulator");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Answer> next = new AtomicReference<>();
    private final List<Booking> journal = new ArrayList<>();
    private final List<Socket> open = new ArrayList<>();
    private int batchStart = 0;
    private int lastReceipt = 0;
    private long lastTrace = 0;
    private volatile boolean closed;

    private TerminalSimulator(ServerSocket server, long terminalId, Duration cardDelay, Duration pinDelay, Clock clock) {
        this.server = server;
        this.terminalId = terminalId;
        this.cardDelay = cardDelay;
        this.pinDelay = pinDelay;
        this.clock = clock;
    }

    /**
     * @param port      0 for any free port
     * @param cardDelay how long the shopper takes to present the card
     * @param pinDelay  how long the shopper takes to type a PIN ({@link Answer#PIN})
     */
    public static TerminalSimulator start(String bind, int port, long terminalId, Duration cardDelay, Duration pinDelay) throws IOException {
        ServerSocket s = new ServerSocket(port, 50, InetAddress.getByName(bind));
        TerminalSimulator sim = new TerminalSimulator(s, terminalId, cardDelay, pinDelay, Clock.systemDefaultZone());
        sim.threads.execute(sim::accept);
        // debug: the demo names the simulator's address in its banner ("Card terminal (simulated ZVT): ..."), one line
        LOG.debug("ZVT card terminal simulator on {}:{} (terminal id {})", bind, s.getLocalPort(), terminalId);
        return sim;
    }

    public int port() {
        return server.getLocalPort();
    }

    public long terminalId() {
        return terminalId;
    }

    /** The answer for the next authorisation only; afterwards the terminal approves again. */
    public void nextAnswer(Answer answer) {
        next.set(answer);
    }

    /** The answer the next authorisation will meet. */
    public Answer pendingAnswer() {
        Answer a = next.get();
        return a == null ? Answer.APPROVE : a;
    }

    public synchronized List<Booking> journal() {
        return List.copyOf(journal);
    }

    /** Payments booked and not reversed. */
    public synchronized long approvedPayments() {
        return journal.stream().filter(b -> !b.reversal() && !reversed(b.receipt())).count();
    }

    public synchronized long reversals() {
        return journal.stream().filter(Booking::reversal).count();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                synchronized (open) {
                    open.add(s);
                }
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                if (!closed) LOG.warn("simulator accept failed: {}", e.getMessage());
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (!closed) {
                s.setSoTimeout(0);
                Apdu command;
                try {
                    command = Apdu.read(in);
                } catch (EOFException e) {
                    return;
                }
                if (!handle(s, in, out, command)) return;
            }
        } catch (SocketException | EOFException e) {
            LOG.debug("simulator connection ended: {}", e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("simulator connection failed: {}", e.toString());
        } finally {
            synchronized (open) {
                open.remove(s);
            }
        }
    }

    /** Runs one command; false when the connection is to end. */
    private boolean handle(Socket s, InputStream in, OutputStream out, Apdu command) throws IOException {
        switch (command.command()) {
            case Apdu.REGISTRATION -> {
                byte[] d = command.data();
                if (d.length < 4) return nack(out, ResultCode.PROTOCOL_ERROR);
                if (d.length >= 6 && Bcd.decode(d, 4, 2) != Commands.EURO) return nack(out, ResultCode.WRONG_CURRENCY);
                send(out, Apdu.ack());
                return finish(s, in, out, Apdu.of(Apdu.COMPLETION, new Fields.Builder().unsignedByte(Bmp.PAYMENT_TYPE, 0)
                        .bcd(Bmp.TERMINAL_ID, terminalId).bytes()));
            }
            case Apdu.AUTHORIZATION -> {
                Fields f;
                try {
                    f = Fields.parse(command.data(), 0);
                } catch (RuntimeException e) {
                    return nack(out, ResultCode.PROTOCOL_ERROR);
                }
                if (f.bcd(Bmp.AMOUNT).isEmpty() || f.bcd(Bmp.AMOUNT).getAsLong() == 0) return nack(out, ResultCode.PROTOCOL_ERROR);
                send(out, Apdu.ack());
                return authorise(s, in, out, f.bcd(Bmp.AMOUNT).getAsLong());
            }
            case Apdu.REVERSAL -> {
                byte[] d = command.data();
                Fields f;
                try {
                    f = Fields.parse(d, 3);
                } catch (RuntimeException e) {
                    return nack(out, ResultCode.PROTOCOL_ERROR);
                }
                if (d.length < 3 || f.bcd(Bmp.RECEIPT_NUMBER).isEmpty()) return nack(out, ResultCode.PROTOCOL_ERROR);
                send(out, Apdu.ack());
                return reverse(s, in, out, (int) f.bcd(Bmp.RECEIPT_NUMBER).getAsLong());
            }
            case Apdu.END_OF_DAY -> {
                send(out, Apdu.ack());
                return endOfDay(s, in, out);
            }
            case Apdu.REPEAT_RECEIPT -> {
                send(out, Apdu.ack());
                Booking last;
                synchronized (this) {
                    last = journal.isEmpty() ? null : journal.get(journal.size() - 1);
                }
                if (last == null) return finish(s, in, out, Apdu.of(Apdu.ABORT_FROM_PT, (byte) ResultCode.NO_TRANSACTION));
                if (!sendAcked(s, in, out, statusOf(last))) return false;
                if (!sendAcked(s, in, out, PrintOutput.line("*** KOPIE / COPY ***", false))) return false;
                if (!receipt(s, in, out, last)) return false;
                return finish(s, in, out, Apdu.of(Apdu.COMPLETION));
            }
            case Apdu.STATUS_ENQUIRY -> {
                send(out, Apdu.ack());
                if (!sendAcked(s, in, out, Apdu.of(Apdu.STATUS_INFORMATION, new Fields.Builder().unsignedByte(Bmp.RESULT_CODE, 0)
                        .bcd(Bmp.TERMINAL_ID, terminalId).bytes()))) return false;
                return finish(s, in, out, Apdu.of(Apdu.COMPLETION));
            }
            case Apdu.ABORT -> {
                // nothing runs on this connection: acknowledged, nothing to stop
                send(out, Apdu.ack());
                return true;
            }
            default -> {
                if (command.positiveAck()) return true;
                return nack(out, 0x83); // function not possible
            }
        }
    }

    private boolean authorise(Socket s, InputStream in, OutputStream out, long amount) throws IOException {
        Answer answer = next.getAndSet(null);
        if (answer == null) answer = Answer.APPROVE;
        LOG.info("simulator: authorisation of {} minor units: {}", amount, answer);
        if (answer == Answer.TIMEOUT) {
            // acknowledged, then silence: the ECR's timeout, not ours, ends this
            s.setSoTimeout(0);
            while (!closed && in.read() >= 0) {
                // swallow whatever comes until the ECR gives up and closes
            }
            return false;
        }
        if (!sendAcked(s, in, out, new IntermediateStatus(IntermediateStatus.INSERT_CARD, List.of("Karte bitte")).encode())) return false;
        if (waitOrAbort(s, in, out, cardDelay)) return aborted(s, in, out);
        if (answer == Answer.PIN) {
            if (!sendAcked(s, in, out, new IntermediateStatus(IntermediateStatus.WATCH_PIN_PAD, List.of("PIN eingeben")).encode())) return false;
            if (waitOrAbort(s, in, out, pinDelay)) return aborted(s, in, out);
        }
        if (!sendAcked(s, in, out, new IntermediateStatus(IntermediateStatus.WAITING_FOR_HOST, List.of("Bitte warten")).encode())) return false;
        if (answer == Answer.DECLINE) {
            LocalDateTime now = LocalDateTime.now(clock);
            if (!sendAcked(s, in, out, Apdu.of(Apdu.STATUS_INFORMATION, new Fields.Builder().unsignedByte(Bmp.RESULT_CODE, ResultCode.DECLINED)
                    .bcd(Bmp.AMOUNT, amount).bcd(Bmp.TIME, hhmmss(now)).bcd(Bmp.DATE, mmdd(now)).bcd(Bmp.TERMINAL_ID, terminalId)
                    .text(Bmp.ADDITIONAL_TEXT, "Abgelehnt").bytes()))) return false;
            return finish(s, in, out, Apdu.of(Apdu.ABORT_FROM_PT, (byte) ResultCode.DECLINED));
        }
        Booking b = book(amount, false, null);
        if (answer == Answer.DISCONNECT) {
            LOG.info("simulator: payment booked (receipt {}), connection dropped before the result", b.receipt());
            s.close();
            return false;
        }
        if (!sendAcked(s, in, out, statusOf(b))) return false;
        if (!receipt(s, in, out, b)) return false;
        return finish(s, in, out, Apdu.of(Apdu.COMPLETION));
    }

    private boolean reverse(Socket s, InputStream in, OutputStream out, int receipt) throws IOException {
        Booking original;
        boolean already;
        synchronized (this) {
            original = journal.stream().filter(b -> b.receipt() == receipt && !b.reversal()).findFirst().orElse(null);
            already = original != null && reversed(receipt);
        }
        if (original == null || already) {
            int code = original == null ? ResultCode.REVERSAL_NOT_POSSIBLE : ResultCode.ALREADY_REVERSED;
            if (!sendAcked(s, in, out, Apdu.of(Apdu.STATUS_INFORMATION, new Fields.Builder().unsignedByte(Bmp.RESULT_CODE, code)
                    .bcd(Bmp.TERMINAL_ID, terminalId).bytes()))) return false;
            return finish(s, in, out, Apdu.of(Apdu.ABORT_FROM_PT, (byte) code));
        }
        Booking r = book(original.amountMinor(), true, receipt);
        if (!sendAcked(s, in, out, statusOf(r))) return false;
        if (!receipt(s, in, out, r)) return false;
        return finish(s, in, out, Apdu.of(Apdu.COMPLETION));
    }

    private boolean endOfDay(Socket s, InputStream in, OutputStream out) throws IOException {
        EndOfDayTotals totals;
        long sum;
        synchronized (this) {
            List<Booking> batch = journal.subList(batchStart, journal.size());
            long count = 0;
            sum = 0;
            for (Booking b : batch) {
                if (b.reversal() || reversed(b.receipt())) continue;
                count++;
                sum += b.amountMinor();
            }
            int first = batch.isEmpty() ? 0 : batch.get(0).receipt();
            int last = batch.isEmpty() ? 0 : batch.get(batch.size() - 1).receipt();
            List<EndOfDayTotals.SchemeTotal> schemes = new ArrayList<>();
            for (String name : EndOfDayTotals.SCHEMES) {
                // the simulated card is a Mastercard
                schemes.add(new EndOfDayTotals.SchemeTotal(name, name.equals("Mastercard") ? (int) count : 0, name.equals("Mastercard") ? sum : 0));
            }
            totals = new EndOfDayTotals(first, last, schemes);
            batchStart = journal.size();
        }
        LocalDateTime now = LocalDateTime.now(clock);
        if (!sendAcked(s, in, out, new IntermediateStatus(IntermediateStatus.PLEASE_WAIT, List.of("Kassenschnitt")).encode())) return false;
        if (!sendAcked(s, in, out, Apdu.of(Apdu.STATUS_INFORMATION, new Fields.Builder().unsignedByte(Bmp.RESULT_CODE, 0)
                .bcd(Bmp.AMOUNT, sum).bcd(Bmp.TIME, hhmmss(now)).bcd(Bmp.DATE, mmdd(now)).bcd(Bmp.TERMINAL_ID, terminalId)
                .variable(Bmp.TOTALS, totals.encode()).bytes()))) return false;
        if (!sendAcked(s, in, out, new PrintOutput(List.of("KASSENSCHNITT / END OF DAY", "Terminal-ID " + terminalId,
                "Anzahl " + totals.count(), String.format("Summe EUR %d,%02d", sum / 100, sum % 100)), true,
                PrintOutput.ADMINISTRATION).textBlock())) return false;
        return finish(s, in, out, Apdu.of(Apdu.COMPLETION));
    }

    private synchronized Booking book(long amount, boolean reversal, Integer reversedReceipt) {
        lastReceipt = lastReceipt % 9999 + 1;
        lastTrace = lastTrace % 999_999 + 1;
        Booking b = new Booking(lastReceipt, lastTrace, amount, reversal, reversedReceipt, LocalDateTime.now(clock).withNano(0));
        journal.add(b);
        return b;
    }

    private boolean reversed(int receipt) {
        return journal.stream().anyMatch(b -> b.reversal() && b.reversedReceipt() != null && b.reversedReceipt() == receipt);
    }

    private Apdu statusOf(Booking b) {
        Fields.Builder f = new Fields.Builder().unsignedByte(Bmp.RESULT_CODE, 0).bcd(Bmp.AMOUNT, b.amountMinor())
                .bcd(Bmp.TRACE_NUMBER, b.trace()).bcd(Bmp.TIME, hhmmss(b.at())).bcd(Bmp.DATE, mmdd(b.at()))
                .variable(Bmp.PAN, new byte[] {(byte) 0xEE, (byte) 0xEE, (byte) 0xEE, (byte) 0xEE, (byte) 0xEE, (byte) 0xEE, 0x47, 0x71})
                .bcd(Bmp.TERMINAL_ID, terminalId).bcd(Bmp.CURRENCY, Commands.EURO).bcd(Bmp.RECEIPT_NUMBER, b.receipt())
                .bcd(Bmp.TURNOVER_NUMBER, b.trace()).unsignedByte(Bmp.CARD_TYPE, 6).text(Bmp.CARD_NAME, "Mastercard");
        if (b.reversal()) f.bcd(Bmp.ORIGINAL_TRACE, originalTrace(b.reversedReceipt()));
        return Apdu.of(Apdu.STATUS_INFORMATION, f.bytes());
    }

    private synchronized long originalTrace(int receipt) {
        return journal.stream().filter(x -> x.receipt() == receipt && !x.reversal()).mapToLong(Booking::trace).findFirst().orElse(0);
    }

    /** The customer receipt, as print lines (the ECR registered to print them). */
    private boolean receipt(Socket s, InputStream in, OutputStream out, Booking b) throws IOException {
        List<String> lines = List.of(b.reversal() ? "STORNO / REVERSAL" : "KARTENZAHLUNG / CARD PAYMENT", "Terminal-ID " + terminalId,
                String.format("Beleg-Nr. %04d  Trace %06d", b.receipt(), b.trace()), "Mastercard ************4771",
                String.format("Betrag EUR %d,%02d", b.amountMinor() / 100, b.amountMinor() % 100),
                b.reversal() ? "Storno erfolgt" : "Zahlung erfolgt");
        for (int i = 0; i < lines.size(); i++) {
            if (!sendAcked(s, in, out, PrintOutput.line(lines.get(i), i == lines.size() - 1))) return false;
        }
        return true;
    }

    /** Waits {@code d}, watching for the ECR's abort (06 B0); true if it came. */
    private boolean waitOrAbort(Socket s, InputStream in, OutputStream out, Duration d) throws IOException {
        long end = System.nanoTime() + d.toNanos();
        while (true) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) return false;
            s.setSoTimeout((int) Math.max(1, left));
            try {
                Apdu a = Apdu.read(in);
                if (a.command() == Apdu.ABORT) {
                    send(out, Apdu.ack());
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
    }

    private boolean aborted(Socket s, InputStream in, OutputStream out) throws IOException {
        LOG.info("simulator: payment aborted before a card was read");
        if (!sendAcked(s, in, out, Apdu.of(Apdu.STATUS_INFORMATION, new Fields.Builder().unsignedByte(Bmp.RESULT_CODE, ResultCode.ABORTED)
                .bcd(Bmp.TERMINAL_ID, terminalId).text(Bmp.ADDITIONAL_TEXT, "Abbruch").bytes()))) return false;
        return finish(s, in, out, Apdu.of(Apdu.ABORT_FROM_PT, (byte) ResultCode.ABORTED));
    }

    /** The last message of a command: sent, acknowledged; the connection stays for the next command. */
    private boolean finish(Socket s, InputStream in, OutputStream out, Apdu last) throws IOException {
        return sendAcked(s, in, out, last);
    }

    /** Sends {@code a} and waits T3 for the ECR's acknowledgement; false if it does not come (the ECR is gone). */
    private boolean sendAcked(Socket s, InputStream in, OutputStream out, Apdu a) throws IOException {
        send(out, a);
        s.setSoTimeout(5_000);
        try {
            while (true) {
                Apdu r = Apdu.read(in);
                if (r.positiveAck()) return true;
                if (r.command() == Apdu.ABORT) {
                    send(out, Apdu.ack()); // too late to abort: the card is read
                    continue;
                }
                LOG.warn("simulator: expected an acknowledgement, got {}", r);
                return false;
            }
        } catch (SocketTimeoutException e) {
            LOG.warn("simulator: no acknowledgement of {}", a);
            return false;
        }
    }

    private static boolean nack(OutputStream out, int code) throws IOException {
        send(out, Apdu.nack(code));
        return true;
    }

    private static void send(OutputStream out, Apdu a) throws IOException {
        out.write(a.encode());
        out.flush();
    }

    private static long hhmmss(LocalDateTime t) {
        return t.getHour() * 10_000L + t.getMinute() * 100L + t.getSecond();
    }

    private static long mmdd(LocalDateTime t) {
        return t.getMonthValue() * 100L + t.getDayOfMonth();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing
                }
            }
        }
        threads.shutdownNow();
    }
}
