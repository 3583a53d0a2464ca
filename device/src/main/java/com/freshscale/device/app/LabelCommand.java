package com.freshscale.device.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.freshscale.device.config.ConfigException;
import com.freshscale.device.config.ConfigFile;
import com.freshscale.device.label.Label;
import com.freshscale.device.label.LabelComposer;
import com.freshscale.device.label.LabelContext;
import com.freshscale.device.label.LabelFormat;
import com.freshscale.device.label.LabelStock;
import com.freshscale.device.label.printer.FilePrinter;
import com.freshscale.device.label.printer.LabelPrinter;
import com.freshscale.device.label.printer.PrinterConfig;
import com.freshscale.device.label.printer.PrinterException;
import com.freshscale.device.pricing.PriceCalculator;
import com.freshscale.device.pricing.PriceRequest;
import com.freshscale.device.pricing.PricedItem;
import com.freshscale.device.pricing.PricingConfig;
import com.freshscale.device.pricing.PricingRefusedException;
import com.freshscale.device.weighing.WeightReading;
import com.freshscale.device.weighing.WeightStatus;
import com.freshscale.protocol.pricebook.DemoPriceBook;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code label}: prices one item with the demo price book and writes (or prints) its label. The weight given
 * is taken as the scale's stable indication; Min and Max are those of the scale ({@code --min-g},
 * {@code --max-kg}). Refusals and bad input print one message to stderr, exit non-zero, and write nothing.
 */
@Command(name = "label",
        mixinStandardHelpOptions = true,
        description = {"Price an item with the demo price book and write its label.",
                "The LAST stdout line is one JSON object: plu, net_g, unit_price_minor, total_minor, currency, barcode, ..."})
final class LabelCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Larger counts are refused by pricing with its own message; this only keeps the number an int. */
    private static final long PIECES_MAX = Integer.MAX_VALUE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // options are read as text and converted here, so a bad value is one message like any other refusal
    @Option(names = "--plu", description = "PLU code, e.g. 4011 (bananas); required")
    String plu;

    @Option(names = "--weight-g", description = "net weight in grams (items sold per kg), e.g. 1234 or 1234.5")
    String weightG;

    @Option(names = "--count", description = "number of pieces (items sold per piece)")
    String count;

    @Option(names = "--format", description = "zpl, tspl, escpos or png (default: the printer's language with --print, else zpl)")
    String format;

    @Option(names = "--out", description = "file to write the label to")
    Path out;

    @Option(names = "--print", description = "also send the label to the printer of section 'printer' of --config")
    boolean print;

    @Option(names = "--config", description = "scale config file: sections 'pricing' and 'printer' are used if present")
    Path config;

    @Option(names = "--at", description = "moment of sale, ISO-8601 (default: now)")
    String at;

    @Option(names = "--scale-id", defaultValue = "demo-scale-1", description = "scale id printed on the label (default: ${DEFAULT-VALUE})")
    String scaleId;

    @Option(names = "--sale-number", defaultValue = "1", description = "sale number printed on the label (default: ${DEFAULT-VALUE})")
    String saleNumber;

    @Option(names = "--calibration-counter", defaultValue = "0", description = "calibration counter printed on the label (default: ${DEFAULT-VALUE})")
    String calibrationCounter;

    @Option(names = "--min-g", defaultValue = "40", description = "Min of the scale in g: 20 e (default: ${DEFAULT-VALUE}, e = 2 g)")
    String minG;

    @Option(names = "--max-kg", defaultValue = "15", description = "Max of the scale in kg (default: ${DEFAULT-VALUE})")
    String maxKg;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(spec.commandLine().getOut());
        } catch (Refused e) {
            err.println("label: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private int run(PrintWriter stdout) throws Refused {
        if (plu == null) throw new Refused("give the PLU with --plu, e.g. --plu 4011");
        if (out == null && !print) throw new Refused("give --out FILE, --print, or both");
        int pieces = (int) number("--count", count == null ? "0" : count, 0, PIECES_MAX);
        long sale = number("--sale-number", saleNumber, 0, Long.MAX_VALUE);
        long calibrations = number("--calibration-counter", calibrationCounter, 0, Long.MAX_VALUE);
        ConfigFile file = null;
        if (config != null) {
            try {
                file = ConfigFile.load(config);
            } catch (ConfigException e) {
                throw new Refused(e.getMessage());
            }
        }
        PricingConfig pricing;
        PrinterConfig printerConfig = null;
        try {
            pricing = file != null && file.has("pricing") ? file.section("pricing", PricingConfig.class) : PricingConfig.demo();
            if (file != null && file.has("printer")) printerConfig = file.section("printer", PrinterConfig.class);
        } catch (ConfigException e) {
            throw new Refused(e.getMessage());
        }
        if (print && printerConfig == null) throw new Refused("--print needs --config with a 'printer' section");
        LabelFormat labelFormat = format(printerConfig);
        if (print && labelFormat != printerConfig.format()) {
            throw new Refused("--format " + labelFormat.extension() + " differs from the printer's language " + printerConfig.language());
        }
        Path target = out == null ? null : out.toAbsolutePath();
        if (target != null && (target.getParent() == null || !Files.isDirectory(target.getParent()))) {
            throw new Refused("folder of --out does not exist: " + (target.getParent() == null ? target : target.getParent()));
        }
        if (target != null && Files.exists(target) && !Files.isRegularFile(target)) {
            throw new Refused("--out " + target + " is not a regular file (use --print for a printer device)");
        }

        Instant moment = moment();
        PricedItem item;
        try {
            item = new PriceCalculator(pricing).price(DemoPriceBook.load(),
                    new PriceRequest(plu, reading(), pieces, moment));
        } catch (PricingRefusedException e) {
            throw new Refused("refused (" + e.reason() + "): " + e.getMessage());
        }
        LabelStock stock = printerConfig != null ? printerConfig.stock() : LabelStock.DEFAULT;
        Label label = new LabelComposer(stock).compose(item,
                new LabelContext(pricing.storeName(), scaleId, sale, calibrations, pricing.language()));
        byte[] job = labelFormat.render(label);

        LabelPrinter printer = print ? printerConfig.open() : null;
        if (printer != null) {
            try {
                printer.print(job);
            } catch (PrinterException e) {
                throw new Refused("label not printed on " + printer.describe() + " (" + e.fault() + "): " + e.getMessage());
            }
        }
        if (target != null) write(target, job);

        stdout.println(summary(item));
        if (target != null) stdout.println("wrote " + labelFormat.extension() + " label to " + target + " (" + job.length + " bytes)");
        if (printer != null) stdout.println("printed on " + printer.describe());
        stdout.println(json(item, labelFormat, target, job.length));
        stdout.flush();
        return 0;
    }

    private LabelFormat format(PrinterConfig printerConfig) throws Refused {
        if (format == null) return print ? printerConfig.format() : LabelFormat.ZPL;
        try {
            return LabelFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused("--format must be zpl, tspl, escpos or png, got '" + format + "'");
        }
    }

    private Instant moment() throws Refused {
        if (at == null) return Instant.now();
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new Refused("--at must be an ISO-8601 instant like 2026-03-10T11:00:00Z, got '" + at + "'");
        }
    }

    /** The scale's indication for {@code --weight-g}: stable, with the status the indicator would give it. */
    private WeightReading reading() throws Refused {
        if (weightG == null) return null;
        long mg;
        try {
            mg = new BigDecimal(weightG).movePointRight(3).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Refused("--weight-g must be grams with at most 3 decimals, got '" + weightG + "'");
        }
        long minMg = decimal("--min-g", minG).movePointRight(3).longValue();
        long maxMg = decimal("--max-kg", maxKg).movePointRight(6).longValue();
        WeightStatus status = mg < 0 ? WeightStatus.UNDERLOAD : mg > maxMg ? WeightStatus.OVERLOAD
                : mg < minMg ? WeightStatus.BELOW_MIN : WeightStatus.OK;
        // 1 g: the value is taken as displayed, so no further rounding to e is applied
        return new WeightReading(mg, mg, 0, 1_000, true, mg == 0, status, System.nanoTime());
    }

    private static long number(String option, String text, long min, long max) throws Refused {
        try {
            long v = Long.parseLong(text.trim());
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Refused(option + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
    }

    private static BigDecimal decimal(String option, String text) throws Refused {
        try {
            BigDecimal v = new BigDecimal(text.trim());
            if (v.signum() > 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Refused(option + " must be a positive number, got '" + text + "'");
    }

    private static void write(Path target, byte[] job) throws Refused {
        try {
            new FilePrinter(target).print(job); // written aside and renamed: never half a file
        } catch (PrinterException e) {
            throw new Refused("cannot write " + target + ": " + e.getMessage());
        }
    }

    private static String summary(PricedItem i) {
        String quantity = switch (i.saleType()) {
            case PER_KG -> grams(i.netMg()) + " g";
            case PER_PIECE -> i.count() + " pcs";
            case FIXED -> "1";
        };
        return String.format(Locale.ROOT, "%s %s: %s x %d = %d %s (minor units)%s, barcode %s (%s)", i.pluCode(), i.name(),
                quantity, i.unitPriceMinor(), i.totalMinor(), i.currency(),
                i.promotion() == null ? "" : ", promotion " + i.promotion().id(), i.barcode(), i.barcodeLayout());
    }

    private static String json(PricedItem i, LabelFormat format, Path target, int bytes) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("plu", i.pluCode());
        j.put("name", i.name());
        j.put("sale_type", i.saleType().name());
        j.put("net_g", new BigDecimal(grams(i.netMg())));
        j.put("count", i.count());
        j.put("unit_price_minor", i.unitPriceMinor());
        j.put("regular_unit_price_minor", i.regularUnitPriceMinor());
        j.put("promotion", i.promotion() == null ? null : i.promotion().id());
        j.put("total_minor", i.totalMinor());
        j.put("currency", i.currency());
        j.put("barcode", i.barcode());
        j.put("barcode_layout", i.barcodeLayout());
        j.put("packed_on", i.packedOn().toString());
        j.put("sell_by", i.sellBy() == null ? null : i.sellBy().toString());
        j.put("price_book_version", i.priceBookVersion());
        j.put("format", format.extension());
        j.put("out", target == null ? null : target.toString());
        j.put("bytes", bytes);
        try {
            return JSON.writeValueAsString(j);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String grams(long mg) {
        return BigDecimal.valueOf(mg, 3).stripTrailingZeros().toPlainString();
    }

    /** Bad input or a refusal: one message, exit 1, nothing written. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }
}
