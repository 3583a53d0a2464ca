package com.freshscale.device.weighing;

import java.util.Locale;

/** How an indication reads on a display: kg with as many decimals as e needs, and the R76 markers. */
public final class WeightFormat {
    private WeightFormat() {}

    /** Mass in kg with the decimals that the interval {@code eMg} resolves (e = 2 g → 3 decimals). */
    public static String kg(long mg, long eMg) {
        int decimals = 0;
        for (long unit = 1_000_000; unit > eMg && decimals < 6; unit /= 10) decimals++;
        return String.format(Locale.ROOT, "%." + decimals + "f kg", mg / 1_000_000.0);
    }

    /** One display line: the net weight (blanked when the scale must not show it) and its markers. */
    public static String line(WeightReading r) {
        String weight = switch (r.status()) {
            case OVERLOAD -> "  OVERLOAD ";
            case UNDERLOAD -> "  -------- ";
            case NOT_ZEROED -> "  no zero  ";
            case FAULT -> "   FAULT   ";
            default -> String.format(Locale.ROOT, "%11s", kg(r.netMg(), r.intervalMg()));
        };
        return weight
                + (r.netMode() ? "  NET" : "     ")
                + (r.stable() ? "  STABLE" : "        ")
                + (r.centerOfZero() ? "  >0<" : "     ")
                + (r.netMode() ? "  tare " + kg(r.tareMg(), r.intervalMg()) : "")
                + (r.status() == WeightStatus.BELOW_MIN && r.netMg() > 0 ? "  (below Min: no price)" : "");
    }
}
