package com.freshscale.device.weighing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.freshscale.protocol.status.WeighingRange;
import java.math.BigDecimal;
import java.util.List;

/**
 * Config section {@code weighing}: metrology (Max and e per partial range) and the tuning of the pipeline.
 * The legal limits that depend on them (Min = 20 e, overload at Max + 9 e, zero ranges) are fixed by
 * OIML R76 and not configurable.
 *
 * @param ranges               one range for a single-interval scale, or the partial ranges of a multi-interval
 *                             scale in increasing order (e.g. 6 kg / 2 g then 15 kg / 5 g)
 * @param stabilityBandE       half-width of the stability band in e (readings stay within ± this)
 * @param stabilityWindowMs    how long the readings must stay in the band
 * @param smoothingSamples     moving-average length (1 = no smoothing)
 * @param outlierWindow        raw reads in the median that judges outliers (odd, ≥ 3)
 * @param outlierThresholdE    a raw read further than this from the recent median is dropped
 * @param zeroTracking         automatic zero tracking on/off
 * @param zeroTrackingRateEPerS AZT correction rate, at most 0.5 e/s (R76-1 4.5.7)
 * @param tareMaxG             the tare limit: the largest tare the scale takes (a PLU's preset tare for its bag or
 *                             tray; shoppers cannot tare); a multiple of e1, at most Max of the first range (R76-1 4.6)
 */
public record WeighingConfig(
        @JsonProperty(value = "ranges", required = true) List<Range> ranges,
        @JsonProperty(value = "stability_band_e", required = true) BigDecimal stabilityBandE,
        @JsonProperty(value = "stability_window_ms", required = true) int stabilityWindowMs,
        @JsonProperty(value = "smoothing_samples", required = true) int smoothingSamples,
        @JsonProperty(value = "outlier_window", required = true) int outlierWindow,
        @JsonProperty(value = "outlier_threshold_e", required = true) int outlierThresholdE,
        @JsonProperty(value = "zero_tracking", required = true) boolean zeroTracking,
        @JsonProperty(value = "zero_tracking_rate_e_per_s", required = true) BigDecimal zeroTrackingRateEPerS,
        @JsonProperty(value = "tare_max_g", required = true) BigDecimal tareMaxG) {

    /** A (partial) weighing range: up to {@code maxG} grams with scale interval {@code eG} grams. */
    public record Range(
            @JsonProperty(value = "max_g", required = true) BigDecimal maxG,
            @JsonProperty(value = "e_g", required = true) BigDecimal eG) {
        public Range {
            if (maxG == null || eG == null) throw new IllegalArgumentException("a range needs max_g and e_g");
        }

        public long maxMg() {
            return toMg("max_g", maxG);
        }

        public long eMg() {
            return toMg("e_g", eG);
        }
    }

    public WeighingConfig {
        if (ranges == null || ranges.isEmpty()) throw new IllegalArgumentException("ranges: at least one range is needed");
        ranges = List.copyOf(ranges);
        long previousMax = 0;
        long previousE = 0;
        for (Range r : ranges) {
            long e = r.eMg();
            long max = r.maxMg();
            if (!WeighingRange.isDecimalStep(e))
                throw new IllegalArgumentException("e_g " + r.eG() + " is not 1, 2 or 5 × 10^k g (R76-1 3.4.2)");
            if (max <= previousMax)
                throw new IllegalArgumentException("max_g " + r.maxG() + " must be above the previous range's Max (and above 0)");
            if (e <= previousE)
                throw new IllegalArgumentException("e_g " + r.eG() + " must grow from one partial range to the next (R76-1 3.2)");
            if (max % e != 0) throw new IllegalArgumentException("max_g " + r.maxG() + " is not a multiple of e_g " + r.eG());
            if (WeighingRange.MIN_E * ranges.get(0).eMg() >= max)
                throw new IllegalArgumentException("Min (20 e1 = " + BigDecimal.valueOf(WeighingRange.MIN_E * ranges.get(0).eMg(), 3)
                        .stripTrailingZeros().toPlainString() + " g) must be below Max (" + r.maxG() + " g)");
            // R76-1 Table 3, class III: 100 ≤ n = Max/e ≤ 10 000; Min = 20 e must stay below Max.
            long n = max / e;
            if (n < 100 || n > 10_000)
                throw new IllegalArgumentException("Max/e = " + n + " for range " + r.maxG() + " g; class III needs 100..10000");
            previousMax = max;
            previousE = e;
        }
        if (stabilityBandE == null || stabilityBandE.signum() <= 0 || stabilityBandE.compareTo(BigDecimal.valueOf(5)) > 0)
            throw new IllegalArgumentException("stability_band_e must be > 0 and ≤ 5");
        if (stabilityWindowMs < 50 || stabilityWindowMs > 5_000)
            throw new IllegalArgumentException("stability_window_ms must be 50..5000, not " + stabilityWindowMs);
        if (smoothingSamples < 1 || smoothingSamples > 64)
            throw new IllegalArgumentException("smoothing_samples must be 1..64, not " + smoothingSamples);
        if (outlierWindow < 3 || outlierWindow > 15 || outlierWindow % 2 == 0)
            throw new IllegalArgumentException("outlier_window must be odd and 3..15, not " + outlierWindow);
        if (outlierThresholdE < 1) throw new IllegalArgumentException("outlier_threshold_e must be ≥ 1");
        if (zeroTrackingRateEPerS == null || zeroTrackingRateEPerS.signum() <= 0
                || zeroTrackingRateEPerS.compareTo(new BigDecimal("0.5")) > 0)
            throw new IllegalArgumentException("zero_tracking_rate_e_per_s must be > 0 and ≤ 0.5 (R76-1 4.5.7)");
        if (tareMaxG == null) throw new IllegalArgumentException("tare_max_g is required");
        long t = toMg("tare_max_g", tareMaxG);
        if (t % ranges.get(0).eMg() != 0) throw new IllegalArgumentException("tare_max_g " + tareMaxG + " is not a multiple of e1");
        if (t > ranges.get(0).maxMg()) throw new IllegalArgumentException("tare_max_g " + tareMaxG + " is above Max of the first range");
    }

    /** The tare limit (a tare is taken in the first range's e1). */
    public long tareMaxMg() {
        return toMg("tare_max_g", tareMaxG);
    }

    static long toMg(String key, BigDecimal grams) {
        BigDecimal mg = grams.movePointRight(3);
        if (mg.signum() <= 0) throw new IllegalArgumentException(key + " must be positive, not " + grams);
        try {
            return mg.longValueExact();
        } catch (ArithmeticException ex) {
            throw new IllegalArgumentException(key + " " + grams + " is finer than 1 mg");
        }
    }

    public long maxMg() {
        return ranges.get(ranges.size() - 1).maxMg();
    }

    /** Max/e of each range, e.g. "6000g/2g, 15000g/5g": recorded with a calibration, which is valid only for them. */
    public String describeRanges() {
        StringBuilder b = new StringBuilder();
        for (Range r : ranges) {
            if (b.length() > 0) b.append(", ");
            b.append(r.maxG().stripTrailingZeros().toPlainString()).append("g/")
                    .append(r.eG().stripTrailingZeros().toPlainString()).append('g');
        }
        return b.toString();
    }
}
