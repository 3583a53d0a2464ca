package com.freshscale.device.label.printer;

import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A printer on a character device, e.g. {@code /dev/usb/lp0} of the Linux usblp driver. The driver blocks a
 * write while the printer is out of paper or its head is open (it only logs "out of paper"), so a write
 * that does not finish within the timeout is reported as {@link PrinterFault#TIMEOUT} and the device is
 * left to the driver. A missing device node means the printer is unplugged or off.
 */
public final class CharacterDevicePrinter implements LabelPrinter {
    private final Path device;
    private final Duration timeout;
    /**
     * A writer stuck in the driver cannot be interrupted; a fresh thread per job keeps the next job from
     * queueing behind it (threads are daemons and end when the driver lets go).
     */
    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "label-printer-device");
        t.setDaemon(true);
        return t;
    });

    public CharacterDevicePrinter(Path device, Duration timeout) {
        this.device = device;
        this.timeout = timeout;
    }

    @Override
    public synchronized void print(byte[] job) throws PrinterException {
        if (!Files.exists(device)) {
            throw PrinterException.notSent(PrinterFault.OFFLINE, "printer not connected: " + device + " does not exist");
        }
        // open and write both may block on a printer that does not take data: both run under the timeout
        Future<?> write = writers.submit(() -> {
            try (OutputStream out = Files.newOutputStream(device, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                out.write(job);
                out.flush();
            }
            return null;
        });
        try {
            write.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            write.cancel(true);
            throw new PrinterException(PrinterFault.TIMEOUT, "printer on " + device + " did not take the label within "
                    + timeout.toMillis() + " ms (out of paper or head open?)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AccessDeniedException) {
                throw PrinterException.notSent(PrinterFault.ERROR, "no permission to write " + device
                        + " (add the scale's user to group lp)", cause);
            }
            if (cause instanceof NoSuchFileException) {
                throw PrinterException.notSent(PrinterFault.OFFLINE, "printer not connected: " + device, cause);
            }
            throw new PrinterException(PrinterFault.ERROR, "writing to " + device + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrinterException(PrinterFault.ERROR, "interrupted while printing", e);
        }
    }

    /** A missing device node is an unplugged or switched-off printer; the driver tells nothing more without a job. */
    @Override
    public java.util.Optional<PrinterException> status() {
        if (!Files.exists(device)) {
            return java.util.Optional.of(new PrinterException(PrinterFault.OFFLINE, "printer not connected: " + device + " does not exist"));
        }
        return java.util.Optional.empty();
    }

    @Override
    public String describe() {
        return "device:" + device;
    }
}
