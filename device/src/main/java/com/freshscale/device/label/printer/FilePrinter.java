package com.freshscale.device.label.printer;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes each job to one file, replacing it whole (written aside, then renamed), so a program watching
 * the file never sees half a label: e.g. a print queue's hot folder or a preview.
 */
public final class FilePrinter implements LabelPrinter {
    private final Path file;

    public FilePrinter(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public void print(byte[] job) throws PrinterException {
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw PrinterException.notSent(PrinterFault.OFFLINE, "folder " + dir + " for label file does not exist");
        }
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.write(tmp, job);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            // the label file is moved into place whole or not at all: nothing of it is there
            throw PrinterException.notSent(PrinterFault.ERROR, "cannot write label file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.Optional<PrinterException> status() {
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return java.util.Optional.of(new PrinterException(PrinterFault.OFFLINE, "folder " + dir + " for label file does not exist"));
        }
        return java.util.Optional.empty();
    }

    @Override
    public String describe() {
        return "file:" + file;
    }
}
