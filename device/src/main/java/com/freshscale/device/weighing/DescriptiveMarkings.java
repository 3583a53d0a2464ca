package com.freshscale.device.weighing;

import com.freshscale.device.weighing.pipeline.ScaleIntervals;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The descriptive markings a weighing instrument carries (OIML R76-1 7.1.1: accuracy class, Max, Min, e; 7.1.2: the
 * software identification of a software-controlled instrument and the maximum subtractive tare effect T = − … when
 * it differs from Max), grouped where a shopper reading the weight sees them (7.1.4: near the display). A
 * multi-interval scale shows its ranges as R76 writes them: Max 6/15 kg, e = 2/5 g.
 *
 * @param accuracyClass the Roman numeral shown in an oval (III: every retail scale of this kind)
 * @param max           "Max 6/15 kg"
 * @param min           "Min 40 g" (20 e1, class III)
 * @param e             "e = 2/5 g"
 * @param tare          "T = −500 g", the tare limit (the scale's largest preset tare)
 * @param softwareId    the legal software identification as the service menu and {@code device status} show it
 */
public record DescriptiveMarkings(String accuracyClass, String max, String min, String e, String tare, String softwareId) {

    public static DescriptiveMarkings of(WeighingConfig weighing, String softwareId) {
        List<WeighingConfig.Range> ranges = weighing.ranges();
        ScaleIntervals intervals = new ScaleIntervals(ranges);
        boolean kg = ranges.get(0).maxMg() >= 1_000_000;
        String max = ranges.stream().map(r -> plain(kg ? r.maxG().movePointLeft(3) : r.maxG())).collect(Collectors.joining("/"));
        String e = ranges.stream().map(r -> plain(r.eG())).collect(Collectors.joining("/"));
        return new DescriptiveMarkings("III", "Max " + max + (kg ? " kg" : " g"), "Min " + grams(intervals.minMg()), "e = " + e + " g",
                "T = \u2212" + grams(weighing.tareMaxMg()), softwareId);
    }

    private static String grams(long mg) {
        return plain(BigDecimal.valueOf(mg, 3)) + " g";
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
