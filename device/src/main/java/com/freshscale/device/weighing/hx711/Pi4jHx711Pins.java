package com.freshscale.device.weighing.hx711;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.provider.Provider;

/** HX711 wires on Pi4J GPIO: the gpiod provider on a Raspberry Pi 4/5, the mock provider on a PC. */
public final class Pi4jHx711Pins implements Hx711Pins {
    private final Context context;
    private final DigitalOutput clock;
    private final DigitalInput data;

    private Pi4jHx711Pins(Context context, DigitalOutput clock, DigitalInput data) {
        this.context = context;
        this.clock = clock;
        this.data = data;
    }

    /** Lines of the Raspberry Pi's GPIO chip through libgpiod (Pi 5: RP1; Pi 4: BCM2711). */
    public static Pi4jHx711Pins gpiod(int dataPin, int clockPin) {
        return open(dataPin, clockPin, GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance());
    }

    /** Pi4J's mock GPIO (for the simulator, which drives DOUT and listens to PD_SCK). */
    public static Pi4jHx711Pins mock(int dataPin, int clockPin) {
        return open(dataPin, clockPin, MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance());
    }

    private static Pi4jHx711Pins open(int dataPin, int clockPin, Provider<?, ?, ?>... providers) {
        // only the providers we name: no auto-detection of platforms or plugins on the class path
        Context ctx = Pi4J.newContextBuilder().noAutoDetect().add(providers).build();
        return open(ctx, dataPin, clockPin);
    }

    private static Pi4jHx711Pins open(Context ctx, int dataPin, int clockPin) {
        try {
            DigitalOutput clock = ctx.create(DigitalOutput.newConfigBuilder(ctx)
                    .id("hx711-pd-sck").name("HX711 PD_SCK").address(clockPin)
                    // PD_SCK low = powered up; left high at shutdown so the HX711 powers down (> 60 us high).
                    .initial(DigitalState.LOW).shutdown(DigitalState.HIGH));
            DigitalInput data = ctx.create(DigitalInput.newConfigBuilder(ctx)
                    .id("hx711-dout").name("HX711 DOUT").address(dataPin)
                    // DOUT is a push-pull output of the HX711: no pull resistor, no debounce (it would delay bits).
                    .pull(PullResistance.OFF).debounce(0L));
            return new Pi4jHx711Pins(ctx, clock, data);
        } catch (RuntimeException e) {
            ctx.shutdown();
            throw new IllegalStateException("cannot open HX711 GPIO (DOUT=GPIO" + dataPin + ", PD_SCK=GPIO" + clockPin
                    + "): " + e.getMessage(), e);
        }
    }

    public DigitalOutput clockOutput() {
        return clock;
    }

    public DigitalInput dataInput() {
        return data;
    }

    @Override
    public void clockHigh() {
        clock.high();
    }

    @Override
    public void clockLow() {
        clock.low();
    }

    @Override
    public boolean dataHigh() {
        return data.state() == DigitalState.HIGH;
    }

    @Override
    public void close() {
        context.shutdown();
    }
}
