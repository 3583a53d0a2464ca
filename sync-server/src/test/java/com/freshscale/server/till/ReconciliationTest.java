package com.freshscale.server.till;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.server.till.Reconciliation.BarcodeLine;
import com.freshscale.server.till.Reconciliation.Label;
import com.freshscale.server.till.Reconciliation.Scan;
import com.freshscale.server.till.Reconciliation.Tally;
import com.freshscale.server.till.Reconciliation.Totals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels against scans, one store's day: every kind of discrepancy with its exact count and value. */
class ReconciliationTest {
    static final String APPLES = "2104020001990";
    static final String BANANAS = "2104011002460";
    static final String PAID = "2904011000000"; // a paid label: the store's zero-price layout
    static int n;

    static Label label(String barcode, String at, long total, boolean paid) {
        n++;
        return new Label("sale-" + n, "scale-1", n, barcode.substring(3, 7), barcode, Instant.parse("2026-12-06T" + at + "Z"), total, paid);
    }

    static Scan scan(String barcode, String at, Long price) {
        n++;
        return new Scan("till-1", "r-" + n, barcode, Instant.parse("2026-12-06T" + at + "Z"), price);
    }

    static BarcodeLine line(Reconciliation.Result r, String barcode) {
        return r.lines().stream().filter(l -> l.barcode().equals(barcode)).findFirst().orElseThrow();
    }

    @Test
    void eachScanTakesTheOldestLabelOfItsBarcodePrintedBeforeIt() {
        // two bags of apples at the same price carry the same barcode; both are scanned; a third is never scanned
        List<Label> labels = List.of(label(APPLES, "09:00:00", 199, false), label(APPLES, "09:10:00", 199, false),
                label(APPLES, "11:00:00", 199, false), label(BANANAS, "09:05:00", 246, false));
        List<Scan> scans = List.of(scan(APPLES, "09:20:00", 199L), scan(APPLES, "09:21:00", 199L), scan(BANANAS, "09:30:00", null));
        Reconciliation.Result r = Reconciliation.match(labels, scans);
        Totals t = r.totals();
        assertThat(t.printed()).isEqualTo(new Tally(4, 199 * 3 + 246));
        assertThat(t.scannedAtTill()).isEqualTo(new Tally(3, 199 * 2 + 246));
        assertThat(t.neverScanned()).isEqualTo(new Tally(1, 199));
        assertThat(t.scannedNotPrinted()).isEqualTo(new Tally(0, 0));
        assertThat(t.scannedTwice()).isEqualTo(new Tally(0, 0));
        assertThat(t.scans()).isEqualTo(3);
        // the one left is the 11:00 label: the 09:20 scan could not have been of it
        assertThat(line(r, APPLES).neverScannedSaleNumbers()).containsExactly(labels.get(2).saleNumber());
        assertThat(r.lines()).filteredOn(BarcodeLine::discrepancy).extracting(BarcodeLine::barcode).containsExactly(APPLES);
    }

    @Test
    void aScanBeforeItsLabelWasPrintedDoesNotTakeIt() {
        // scanned at 08:00, printed at 09:00: beyond the clocks' skew, the scan is of another label (one re-used)
        List<Label> labels = List.of(label(APPLES, "09:00:00", 199, false));
        Reconciliation.Result r = Reconciliation.match(labels, List.of(scan(APPLES, "08:00:00", null)));
        assertThat(r.totals().scannedTwice()).isEqualTo(new Tally(1, 199));
        assertThat(r.totals().neverScanned()).isEqualTo(new Tally(1, 199));
        // within the skew it is the same label, the till's clock being a little behind the scale's
        Reconciliation.Result skewed = Reconciliation.match(labels, List.of(scan(APPLES, "08:57:00", null)));
        assertThat(skewed.totals().scannedAtTill()).isEqualTo(new Tally(1, 199));
        assertThat(skewed.totals().neverScanned()).isEqualTo(new Tally(0, 0));
    }

    @Test
    void forgedAndTwiceScannedLabelsAreCountedWithTheirValue() {
        List<Label> labels = List.of(label(BANANAS, "10:00:00", 246, false));
        List<Scan> scans = List.of(scan(BANANAS, "10:05:00", 246L), scan(BANANAS, "10:06:00", 246L),
                scan("2104099005000", "10:07:00", 500L), scan("2104098001000", "10:08:00", null));
        Reconciliation.Result r = Reconciliation.match(labels, scans);
        assertThat(r.totals().scannedAtTill()).isEqualTo(new Tally(1, 246));
        assertThat(r.totals().scannedTwice()).isEqualTo(new Tally(1, 246));
        // a forged barcode's value is what the till charged, unknown (0) if it does not say
        assertThat(r.totals().scannedNotPrinted()).isEqualTo(new Tally(2, 500));
        assertThat(line(r, "2104099005000").pluCode()).isNull();
        assertThat(line(r, "2104099005000").scannedNotPrinted()).isEqualTo(1);
        assertThat(line(r, BANANAS).scannedTwice()).isEqualTo(1);
        assertThat(r.lines()).allMatch(BarcodeLine::discrepancy);
    }

    @Test
    void labelsPaidAtTheScaleNeedNoScanAndAScanOfOneIsNotCharged() {
        List<Label> labels = List.of(label(PAID, "12:00:00", 246, true), label(PAID, "12:01:00", 246, true),
                label(BANANAS, "12:02:00", 246, false));
        Reconciliation.Result r = Reconciliation.match(labels, List.of(scan(PAID, "12:10:00", 0L), scan(BANANAS, "12:11:00", 246L)));
        Totals t = r.totals();
        assertThat(t.printed()).isEqualTo(new Tally(3, 3 * 246));
        assertThat(t.paidAtScale()).isEqualTo(new Tally(2, 2 * 246));
        assertThat(t.paidAndScanned()).isEqualTo(1);
        assertThat(t.scannedAtTill()).isEqualTo(new Tally(1, 246));
        assertThat(t.neverScanned()).isEqualTo(new Tally(0, 0)); // the paid label not scanned is no loss
        assertThat(r.lines()).noneMatch(BarcodeLine::discrepancy);
    }

    @Test
    void aDayWithoutScansLeavesEveryLabelForTheTillNeverScanned() {
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < 10; i++) labels.add(label(APPLES, "10:0" + i + ":00", 199, false));
        Reconciliation.Result r = Reconciliation.match(labels, List.of());
        assertThat(r.totals().neverScanned()).isEqualTo(new Tally(10, 1990));
        assertThat(line(r, APPLES).neverScannedSaleNumbers()).hasSize(10);
        assertThat(Reconciliation.match(List.of(), List.of()).totals().printed()).isEqualTo(new Tally(0, 0));
    }
}
