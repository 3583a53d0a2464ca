package com.freshscale.device.label.printer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The label printer of a simulated scale (demo, tests): each job becomes a file in a folder, named by the
 * job's name ({@code label-000012.zpl} for sale 12) or, unnamed, numbered ({@code job-000001.zpl}). It fails
 * like a real one: while a file named {@code OFFLINE} or {@code PAPER_OUT} exists in the folder (a
 * technician or demo operator can {@code touch} it), or after {@link #setOffline}/{@link #setPaperOut}, a
 * job is refused with that fault and nothing is written; its {@link #status()} says so before any job.
 */
public final class SimulatedPrinter implements LabelPrinter {
    public static final String OFFLINE_FILE = "OFFLINE";
    public static final String PAPER_OUT_FILE = "PAPER_OUT";

    private final Path folder;
    private final String extension;
    private final AtomicInteger next;
    private volatile boolean offline;
    private volatile boolean paperOut;

    public SimulatedPrinter(Path folder, String extension) {
        this.folder = folder.toAbsolutePath();
        this.extension = extension;
        this.next = new AtomicInteger(highestJobNumber(this.folder) + 1);
    }

    private static int highestJobNumber(Path folder) {
        if (!Files.isDirectory(folder)) return 0;
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("job-\\d{6}\\..+"))
                    .mapToInt(n -> Integer.parseInt(n.substring(4, 10)))
                    .max().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    public void setOffline(boolean offline) {
        this.offline = offline;
    }

    public void setPaperOut(boolean paperOut) {
        this.paperOut = paperOut;
    }

    @Override
    public synchronized void print(byte[] job) throws PrinterException {
        write(job, String.format("job-%06d", next.get()));
        next.incrementAndGet();
    }

    @Override
    public synchronized void print(byte[] job, String name) throws PrinterException {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) throw new IllegalArgumentException("bad job name '" + name + "'");
        write(job, name);
    }

    @Override
    public Optional<PrinterException> status() {
        if (offline || Files.exists(folder.resolve(OFFLINE_FILE))) {
            return Optional.of(PrinterException.notSent(PrinterFault.OFFLINE, "simulated printer is offline"));
        }
        if (paperOut || Files.exists(folder.resolve(PAPER_OUT_FILE))) {
            return Optional.of(PrinterException.notSent(PrinterFault.PAPER_OUT, "simulated printer is out of labels"));
        }
        return Optional.empty();
    }

    private void write(byte[] job, String name) throws PrinterException {
        Optional<PrinterException> fault = status();
        if (fault.isPresent()) throw fault.get();
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(name + "." + extension);
            Path tmp = folder.resolve("." + file.getFileName() + ".tmp");
            Files.write(tmp, job);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw PrinterException.notSent(PrinterFault.ERROR, "simulated printer cannot write to " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "simulated:" + folder;
    }
}
