package com.freshscale.server.it;

import com.freshscale.device.app.LabelledSales;
import com.freshscale.device.label.Label;
import com.freshscale.device.label.LabelComposer;
import com.freshscale.device.label.LabelContext;
import com.freshscale.device.label.LabelFormat;
import com.freshscale.device.label.LabelSpooler;
import com.freshscale.device.label.LabelStock;
import com.freshscale.device.label.printer.SimulatedPrinter;
import com.freshscale.device.payment.CardPayments;
import com.freshscale.device.payment.PaymentJournal;
import com.freshscale.device.payment.zvt.ZvtClient;
import com.freshscale.device.pricing.PricedItem;
import com.freshscale.device.store.DeviceDatabase;
import com.freshscale.device.sync.SaleLedger;
import com.freshscale.device.sync.SalesOutbox;
import com.freshscale.protocol.pricebook.SaleType;
import com.freshscale.protocol.sales.Sale;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A scale's payment side as its own JVM, for the kill -9 tests: the scale's journal, outbox, label spooler, card
 * payments and start-up recovery ({@link LabelledSales}, {@link CardPayments}: the code the app runs), without the
 * camera and the model. {@code PayingScaleProcess <db> <terminal port> <labels dir> <recover|pay>}: first settles
 * what an earlier run left open (prints {@code RECOVERED}); with {@code pay} then sells bananas for 2.46 paid by card
 * (prints {@code DONE <result>}). With {@code -Dfreshscale.test.pauseAt=<step>} it stops at that step for the test
 * to kill it.
 */
public final class PayingScaleProcess {
    public static void main(String[] args) throws Exception {
        DeviceDatabase db = DeviceDatabase.open(Path.of(args[0]));
        int port = Integer.parseInt(args[1]);
        SalesOutbox outbox = new SalesOutbox(db, 1000, 900);
        LabelSpooler spooler = new LabelSpooler(db, new SimulatedPrinter(Path.of(args[2]), "zpl"), LabelFormat.ZPL, Clock.systemUTC());
        LabelledSales labelled = new LabelledSales(SaleLedger.of(outbox), spooler);
        CardPayments payments = new CardPayments(new ZvtClient(new ZvtClient.Options("127.0.0.1", port, 0, 978, Duration.ofSeconds(3),
                Duration.ofSeconds(5))), new PaymentJournal(db, Clock.systemUTC()), labelled);
        labelled.payments(payments);
        // as the app starts: labels that never printed are voided, then open payments settled with the terminal
        labelled.recoverAtStart((sale, reason) -> outbox.voidSale(sale.voided(reason, Instant.now()), reason));
        CardPayments.Settlement s = payments.settleOpen();
        System.out.println("RECOVERED " + s);
        System.out.flush();
        if (args[3].equals("pay")) {
            String saleId = Sale.newId();
            CardPayments.Outcome o = payments.pay(saleId, 246, "EUR", key -> { });
            if (o.approved()) {
                String reference = o.payment().reference();
                long number = outbox.nextSaleNumber();
                String barcode = "2904011002467"; // the PAID layout 29 IIIII PPPPP C with the total
                Sale sale = new Sale(saleId, "store-1", "scale-1", number, "4011", SaleType.PER_KG, 1_000_000, 0, 246, null, 246, "EUR",
                        barcode, Instant.now(), 1, null, null, false, 0, false, reference);
                PricedItem item = new PricedItem("4011", "Bananen", SaleType.PER_KG, 1_000_000, 0, 1, 246, 246, null, 246, "EUR", barcode,
                        "paid", Instant.now(), LocalDate.now(), null, 1);
                Label label = new LabelComposer(LabelStock.DEFAULT).compose(item, new LabelContext("Test", "scale-1", number, 1, "de")
                        .paid(reference));
                labelled.record(sale, label);
            }
            System.out.println("DONE " + o.result());
            System.out.flush();
        }
        outbox.close();
    }
}
