package com.freshscale.device.label;

import com.freshscale.device.label.printer.LabelPrinter;
import com.freshscale.device.label.printer.PrinterException;
import com.freshscale.device.label.printer.PrinterFault;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints sale labels through one printer, keeping every rendered job in the database first (table
 * {@code label_job}, V202). A printer fault never loses the label: the job is marked NOT_PRINTED with the
 * fault, and {@link #reprint} sends the stored bytes again, identical to the first attempt.
 */
public final class LabelSpooler {
    private static final Logger log = LoggerFactory.getLogger(LabelSpooler.class);

    private final DeviceDatabase db;
    private final LabelPrinter printer;
    private final LabelFormat format;
    private final Clock clock;
    /** Fault of the last print or reprint, null after a success: the printer/paper state for the scale's status. */
    private volatile PrinterFault lastFault;

    public LabelSpooler(DeviceDatabase db, LabelPrinter printer, LabelFormat format, Clock clock) {
        this.db = db;
        this.printer = printer;
        this.format = format;
        this.clock = clock;
    }

    /** The name the label of sale number {@code saleNumber} is printed under: {@code label-000012}. */
    public static String jobName(long saleNumber) {
        return String.format("label-%06d", saleNumber);
    }

    /**
     * Renders {@code label} for sale {@code saleId} (number {@code saleNumber}), stores the job, and sends it
     * to the printer under {@link #jobName(long)}.
     */
    public synchronized PrintOutcome print(String saleId, long saleNumber, Label label) {
        Objects.requireNonNull(saleId, "saleId");
        byte[] payload = format.render(label);
        String name = jobName(saleNumber);
        long id;
        try (Connection c = db.connect();
                PreparedStatement ins = c.prepareStatement("INSERT INTO label_job (sale_id, format, payload, status, "
                        + "created_at_ms, name) VALUES (?, ?, ?, 'PENDING', ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ins.setString(1, saleId);
            ins.setString(2, format.name());
            ins.setBytes(3, payload);
            ins.setLong(4, clock.millis());
            ins.setString(5, name);
            ins.executeUpdate();
            try (ResultSet keys = ins.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store label of sale " + saleId + ": " + e.getMessage(), e);
        }
        return send(id, payload, name);
    }

    /** Sends the stored job {@code jobId} again (after paper was loaded, the printer switched on, ...). */
    public synchronized PrintOutcome reprint(long jobId) {
        Stored s = stored(jobId);
        return send(jobId, s.payload(), s.name());
    }

    /**
     * Prints a copy of the stored job {@code jobId}, a label that came out already: the stored bytes with {@code mark}
     * drawn on them too ({@link LabelFormat#addText}), named {@code <name>-copy} (a file printer keeps the original's
     * file). A job that came out stays as it was. One not known to have come out (PENDING, or NOT_PRINTED after a fault
     * that may have printed it) is recorded PRINTED once its copy came out: its sale has a label now, whatever the first
     * attempt did.
     */
    public synchronized PrintOutcome printCopy(long jobId, LabelElement.Text mark, LabelStock stock) {
        Stored s = stored(jobId);
        byte[] copy = s.format().addText(s.payload(), mark, stock);
        try {
            printer.print(copy, (s.name() == null ? "job-" + jobId : s.name()) + "-copy");
            lastFault = null;
            copyPrinted(jobId);
            return PrintOutcome.printed(jobId);
        } catch (PrinterException e) {
            log.warn("copy of label job {} not printed on {}: {} ({})", jobId, printer.describe(), e.getMessage(), e.fault());
            lastFault = e.fault();
            return new PrintOutcome(jobId, false, e.fault(), e.getMessage(), e.mayHavePrinted());
        }
    }

    private void copyPrinted(long jobId) {
        try (Connection c = db.connect();
                PreparedStatement up = c.prepareStatement("UPDATE label_job SET status = 'PRINTED', fault = NULL, message = NULL, "
                        + "printed_at_ms = ? WHERE id = ? AND status <> 'PRINTED'")) {
            up.setLong(1, clock.millis());
            up.setLong(2, jobId);
            up.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the copy of label job " + jobId + ": " + e.getMessage(), e);
        }
    }

    private record Stored(byte[] payload, String name, LabelFormat format) {}

    private Stored stored(long jobId) {
        try (Connection c = db.connect();
                PreparedStatement q = c.prepareStatement("SELECT payload, name, format FROM label_job WHERE id = ?")) {
            q.setLong(1, jobId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) throw new IllegalArgumentException("no label job " + jobId);
                return new Stored(rs.getBytes(1), rs.getString(2), LabelFormat.valueOf(rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read label job " + jobId + ": " + e.getMessage(), e);
        }
    }

    private PrintOutcome send(long id, byte[] payload, String name) {
        PrintOutcome outcome;
        try {
            // jobs stored before names were kept (V203) go out unnamed
            if (name == null) printer.print(payload);
            else printer.print(payload, name);
            outcome = PrintOutcome.printed(id);
        } catch (PrinterException e) {
            log.warn("label job {} not printed on {}: {} ({})", id, printer.describe(), e.getMessage(), e.fault());
            outcome = new PrintOutcome(id, false, e.fault(), e.getMessage(), e.mayHavePrinted());
        }
        lastFault = outcome.fault();
        try (Connection c = db.connect();
                PreparedStatement up = c.prepareStatement("UPDATE label_job SET status = ?, fault = ?, message = ?, "
                        + "attempts = attempts + 1, printed_at_ms = ?, "
                        // once an attempt may have printed it, the label's fate stays unknown whatever later attempts say
                        + "may_have_printed = CASE WHEN ? THEN 1 ELSE may_have_printed END WHERE id = ?")) {
            up.setString(1, outcome.printed() ? "PRINTED" : "NOT_PRINTED");
            up.setString(2, outcome.fault() == null ? null : outcome.fault().name());
            up.setString(3, outcome.message());
            if (outcome.printed()) up.setLong(4, clock.millis());
            else up.setNull(4, java.sql.Types.INTEGER);
            up.setBoolean(5, outcome.mayHavePrinted());
            up.setLong(6, id);
            up.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record outcome of label job " + id + ": " + e.getMessage(), e);
        }
        return outcome;
    }

    /**
     * Deletes printed jobs older than {@code keep} (a printed label is ~1 kB; a busy scale prints thousands a
     * week). Jobs not printed are never deleted: they wait for a reprint.
     *
     * @return how many jobs were deleted
     */
    public int prunePrinted(Duration keep) {
        try (Connection c = db.connect();
                PreparedStatement del = c.prepareStatement("DELETE FROM label_job WHERE status = 'PRINTED' AND printed_at_ms < ?")) {
            del.setLong(1, clock.millis() - keep.toMillis());
            return del.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot prune label jobs: " + e.getMessage(), e);
        }
    }

    /** The printer's state as last seen: empty when the last label printed (or none was printed yet). */
    public Optional<PrinterFault> lastFault() {
        return Optional.ofNullable(lastFault);
    }

    /** Jobs whose label has not (or not known to have) come out, oldest first. */
    public List<LabelJob> notPrinted() {
        return query("SELECT * FROM label_job WHERE status <> 'PRINTED' ORDER BY id", null);
    }

    /** The latest label job of sale {@code saleId}. */
    public Optional<LabelJob> latestForSale(String saleId) {
        List<LabelJob> jobs = query("SELECT * FROM label_job WHERE sale_id = ? ORDER BY id DESC LIMIT 1", saleId);
        return jobs.stream().findFirst();
    }

    public Optional<LabelJob> job(long id) {
        return query("SELECT * FROM label_job WHERE id = " + id, null).stream().findFirst();
    }

    private List<LabelJob> query(String sql, String param) {
        List<LabelJob> out = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement q = c.prepareStatement(sql)) {
            if (param != null) q.setString(1, param);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String fault = rs.getString("fault");
                    long printedAt = rs.getLong("printed_at_ms");
                    boolean printedAtNull = rs.wasNull();
                    out.add(new LabelJob(rs.getLong("id"), rs.getString("sale_id"), LabelFormat.valueOf(rs.getString("format")),
                            LabelJob.Status.valueOf(rs.getString("status")), fault == null ? null : PrinterFault.valueOf(fault),
                            rs.getString("message"), rs.getInt("attempts"), Instant.ofEpochMilli(rs.getLong("created_at_ms")),
                            printedAtNull ? null : Instant.ofEpochMilli(printedAt), rs.getInt("may_have_printed") != 0));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read label jobs: " + e.getMessage(), e);
        }
        return out;
    }
}
