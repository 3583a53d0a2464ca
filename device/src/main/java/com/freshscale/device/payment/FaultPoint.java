package com.freshscale.device.payment;

/**
 * Named points between the steps of a card payment where the fault tests stop the scale: with the system property
 * {@value #PROPERTY} set to a point's name, the scale prints {@code PAUSED <name>} when it gets there and waits, and
 * the test kills the process (SIGKILL) at exactly that step. Without the property (always, in a store) nothing happens.
 */
public final class FaultPoint {
    public static final String PROPERTY = "freshscale.test.pauseAt";

    private FaultPoint() {
    }

    public static void reach(String point) {
        String at = System.getProperty(PROPERTY);
        if (at == null || !at.equals(point)) return;
        System.out.println("PAUSED " + point);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
