package com.freshscale.device.app;

import com.freshscale.protocol.barcode.Gs1CheckDigit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The identification of the legally relevant software (WELMEC Guide 7.2, requirement U2 / I2; OIML D 31
 * 5.1.2.1): a SHA-256 over every class of the stages that weigh, price and print the label — what a
 * type-approval certificate names and a verification officer compares with the display. Other stages
 * (recognition, sync, kiosk) can change without changing it, which is why the weighing, pricing and label
 * code lives in packages of its own.
 */
public final class LegalSoftwareId {
    /**
     * The legally relevant part: measurement, price computation, what the label says — and, in the protocol module
     * because the server reads them with the same code, the GS1 barcode layouts that put the price and weight into the
     * code the till charges, and the price book's own price rules: the scheduled price in force
     * ({@code PriceBook.unitPriceAt}), a promotion's price ({@code Promotion.unitPrice}) and a sale type's total
     * ({@code SaleType.exactTotal}), which the scale's pricing charges.
     */
    public static final List<String> PACKAGES = List.of("com/freshscale/device/weighing/", "com/freshscale/device/pricing/",
            "com/freshscale/device/label/", "com/freshscale/protocol/barcode/", "com/freshscale/protocol/pricebook/");

    /** Hex digits of the id that the scale shows (kiosk markings, service menu, {@code device status}). */
    public static final int SHOWN_DIGITS = 16;

    private static volatile String shown;

    private LegalSoftwareId() {
    }

    /** The first {@link #SHOWN_DIGITS} hex digits of {@link #ofRunningFirmware()}, computed once per run. */
    public static String shownForRunningFirmware() {
        String id = shown;
        if (id == null) {
            id = ofRunningFirmware().substring(0, SHOWN_DIGITS);
            shown = id;
        }
        return id;
    }

    /**
     * The checksum of the running firmware: its jar, or in a development build the classes folders of the device and
     * of the protocol module (the barcode layouts), which are one jar on a scale.
     */
    public static String ofRunningFirmware() {
        try {
            Path device = Path.of(LegalSoftwareId.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path barcode = Path.of(Gs1CheckDigit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return of(device.equals(barcode) ? List.of(device) : List.of(device, barcode));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the firmware: " + e.getMessage(), e);
        }
    }

    /** SHA-256 (hex) over the names and bytes of the legally relevant classes in {@code jarOrFolder}, in name order. */
    public static String of(Path jarOrFolder) {
        return of(List.of(jarOrFolder));
    }

    /** As {@link #of(Path)} over the classes of several jars or folders together (a name found twice: the first). */
    public static String of(List<Path> jarsOrFolders) {
        Map<String, byte[]> classes = new TreeMap<>();
        for (Path jarOrFolder : jarsOrFolders) {
            read(jarOrFolder, classes);
        }
        if (classes.isEmpty()) throw new IllegalStateException("no legally relevant classes in " + jarsOrFolders);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            sha.update(c.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(c.getValue());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void read(Path jarOrFolder, Map<String, byte[]> classes) {
        try {
            if (Files.isDirectory(jarOrFolder)) {
                try (Stream<Path> files = Files.walk(jarOrFolder)) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        String name = jarOrFolder.relativize(f).toString().replace('\\', '/');
                        if (relevant(name)) classes.putIfAbsent(name, Files.readAllBytes(f));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(jarOrFolder.toFile())) {
                    for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                        if (e.isDirectory() || !relevant(e.getName())) continue;
                        try (InputStream in = jar.getInputStream(e)) {
                            classes.putIfAbsent(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the firmware at " + jarOrFolder, e);
        }
    }

    private static boolean relevant(String name) {
        return name.endsWith(".class") && PACKAGES.stream().anyMatch(name::startsWith);
    }
}
