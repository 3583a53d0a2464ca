package com.freshscale.device.ui;

/**
 * Where one shopper's sale stands. The happy path runs IDLE → LOADING → STABLE → SUGGESTING → PICKED →
 * PRICED → PRINTED → REMOVED → IDLE; the error states say why the scale cannot go on, each with its own
 * message on the kiosk.
 */
public enum SessionState {
    /** Empty platter, waiting for a shopper. */
    IDLE,
    /** Something was put on; the weight has not settled yet. */
    LOADING,
    /** The weight settled: the camera is looking at the item. */
    STABLE,
    /** Candidates are on the screen (or the search, when recognition has no opinion). */
    SUGGESTING,
    /** An item was chosen; a per-piece item waits for its count. */
    PICKED,
    /** Priced: total shown, waiting for the shopper to press print. */
    PRICED,
    /**
     * The shopper chose to pay here by card: the card terminal runs the payment (its status is shown); nothing
     * on the platter changes the sale until the terminal has answered.
     */
    PAYING,
    /** The sale is recorded and its label came out; the item is still on the platter. */
    PRINTED,
    /** The labelled item was taken off: a short thank-you before the next shopper. */
    REMOVED,

    /** The weight does not settle (someone leans on the platter, the item rolls). */
    UNSTABLE(true),
    /** Net weight below Min: the law forbids pricing it (OIML R76-1 T.3.1.1, Min = 20 e). */
    BELOW_MIN(true),
    /** Above Max + 9 e: weight blanked (R76-1 4.2.3). */
    OVERLOAD(true),
    /** Load cell fault, no initial zero, or a negative indication: the scale must be emptied/zeroed or serviced. */
    SCALE_ERROR(true),
    /** No valid price book yet: the scale does not price. */
    NO_PRICE_BOOK(true),
    /**
     * The label printer cannot print (out of labels, head open, offline), known before anyone weighs: no sale
     * starts until it can ("no label, no sale"); the shopper is asked to call staff.
     */
    PRINTER_UNAVAILABLE(true),
    /** The sale is recorded but the label did not print: the stored label can be printed again. */
    PRINTER_ERROR(true),
    /** The camera gives no picture (or recognition is unavailable): the shopper chooses from the list. */
    CAMERA_ERROR(true),
    /**
     * The technician has the scale (calibration): its weight is not legal for trade, so none is shown and nothing is
     * sold; a sale that was on the screen ended, and the shopper is told nothing was charged.
     */
    OUT_OF_SERVICE(true);

    private final boolean error;

    SessionState() {
        this(false);
    }

    SessionState(boolean error) {
        this.error = error;
    }

    public boolean error() {
        return error;
    }
}
