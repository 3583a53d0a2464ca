package com.freshscale.device.ui;

import com.freshscale.device.weighing.DescriptiveMarkings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the kiosk pages may ask of the scale. The app implements it over the session and the stages; the
 * {@link KioskServer} only translates HTTP to these calls and views to JSON.
 */
public interface KioskBackend {
    /** The current screen: session state, weight, candidates, price, problems. */
    KioskView view();

    /** Called with each new view (at most ~10 a second for weight changes, at once for state changes). */
    void onView(Consumer<KioskView> listener);

    /** The active items of the price book in force, for "more" and search. */
    List<KioskView.Item> catalogue();

    /** Max, Min, e, accuracy class, tare limit and legal software id, shown beside the weight (R76-1 7.1). */
    DescriptiveMarkings markings();

    /** The picture of a PLU (the dataset's iconic image), if any. */
    Optional<Path> picture(String pluCode);

    /** PNG of the label of sale {@code saleId} while it is on screen. */
    Optional<byte[]> labelPreview(String saleId);

    Session.Answer pick(String pluCode, int rank);

    Session.Answer count(int pieces);

    Session.Answer back();

    Session.Answer print();

    /** Sends the current sale's stored label again (after a printer fault). */
    Session.Answer retryPrint();

    /** The shopper chose "Pay here by card" for the priced item (issue 13). */
    default Session.Answer payByCard() {
        return new Session.Answer(false, "pay_disabled", null);
    }

    /** The shopper cancels the card payment while the terminal waits for the card or PIN. */
    default Session.Answer abortPayment() {
        return new Session.Answer(false, "not_paying", null);
    }

    /**
     * The service PIN's lockout, asked for once by the kiosk: the scale keeps it in its database, so that a restart keeps
     * the lock and its escalation, and HQ may end a lock (UNLOCK_SERVICE_MENU); this default forgets it on restart.
     */
    default PinLockout serviceLockout() {
        return new PinLockout(System::currentTimeMillis);
    }

    /** The simulation panel, on a simulated scale only. */
    Optional<Simulation> simulation();

    /** The technician's menu. */
    ServiceMenu service();

    /** The simulated hardware the demo's panel drives. */
    interface Simulation {
        /** Photos that can be put on the platter: id and class name. */
        List<KioskView.Photo> photos();

        /** Puts photo {@code id} with {@code grams} on the platter. */
        void place(String photoId, double grams);

        /** Empties the platter. */
        void takeOff();

        /** Printer out of paper / back (to show the printer error). */
        void printerPaperOut(boolean out);

        /** What the simulated card terminal answers next: APPROVE, DECLINE, PIN, TIMEOUT or DISCONNECT (link lost). */
        default void cardTerminalAnswer(String answer) {
            throw new IllegalArgumentException("no simulated card terminal runs with this scale");
        }

        /** The answer the simulated card terminal gives next, or null without one. */
        default String cardTerminalNextAnswer() {
            return null;
        }
    }

    /** The service menu behind the PIN. */
    interface ServiceMenu {
        boolean pinMatches(String pin);

        /** Sync status: broker, price-book version and problem, outbox depth, rejections. */
        Map<String, Object> status();

        /** The label jobs not printed, newest last. */
        List<Map<String, Object>> unprintedLabels();

        /** Prints a test label; the answer says whether it came out. */
        Map<String, Object> printerTest();

        Map<String, Object> reprint(long jobId);

        /**
         * Sets zero on the empty platter (R76-1 4.5: only stable, within ±2 % of Max of the power-up zero). The
         * kiosk has no zero or tare key for shoppers (WELMEC 2.2 self-service): besides zero tracking and the
         * power-up zero, the technician sets zero here; the answer says why when refused.
         */
        Map<String, Object> zero(String technician);

        /** Teaches {@code pluCode} from pictures of what lies on the platter now. */
        Map<String, Object> teach(String pluCode, int pictures);

        /** Calibration: current state (event counter, date, technician, ranges). */
        Map<String, Object> calibration();

        /** Calibrates with the empty platter now and {@code referenceG} put on by the wizard's next step. */
        Map<String, Object> calibrate(String technician, String step, double referenceG);

        /** Audit log: calibrations and service actions, newest first. */
        List<Map<String, Object>> auditLog();

        /** Records a service action in the audit log. */
        void audit(String actor, String what, String detail);

        /**
         * Enrols the scale with a one-time code from the console: it gets its MQTT identity and the price-book key
         * and connects. {@code enrolled} true, or false with the server's reason in {@code message}.
         */
        Map<String, Object> enrol(String code);

        /** Card payments at the scale: how many are open, the newest with state and reference. */
        default Map<String, Object> cardPayments() {
            throw new IllegalArgumentException("paying by card is not enabled on this scale");
        }

        /** Reverses the last completed card payment at the terminal (the technician refunds a shopper). */
        default Map<String, Object> reverseLastPayment(String technician) {
            throw new IllegalArgumentException("paying by card is not enabled on this scale");
        }

        /** The card terminal's end-of-day: it closes its batch; the answer has its totals by card scheme. */
        default Map<String, Object> endOfDay(String technician) {
            throw new IllegalArgumentException("paying by card is not enabled on this scale");
        }
    }
}
