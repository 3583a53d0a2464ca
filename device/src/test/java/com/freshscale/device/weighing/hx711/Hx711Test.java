package com.freshscale.device.weighing.hx711;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.weighing.LoadCellConfig;
import com.freshscale.device.weighing.LoadCellException;
import com.freshscale.device.weighing.MonotonicClock;
import com.freshscale.device.weighing.RawRead;
import com.freshscale.device.weighing.TestScales;
import com.freshscale.device.weighing.sim.LoadCellSimulation;
import com.freshscale.device.weighing.sim.SimulatedScale;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class Hx711Test {
    private final RawRead read = new RawRead();

    private static SimulatedScale scale(LoadCellConfig wiring, LoadCellSimulation cell) {
        return new SimulatedScale(wiring, cell, false);
    }

    private RawRead nextGood(SimulatedScale s) {
        for (int i = 0; i < 200; i++) {
            s.loadCell().read(read);
            if (read.good()) return read;
        }
        throw new AssertionError("no good read in 200");
    }

    @Test
    void readsTheConvertedCodeMsbFirstAndSignExtends() {
        // offset below zero: the HX711 outputs two's complement
        LoadCellSimulation cell = new LoadCellSimulation(-500_000, 280, 15_000, 0, 0, 0, 0, 900, 0, 0, 1);
        try (SimulatedScale s = scale(TestScales.WIRING_80, cell)) {
            assertThat(nextGood(s).counts()).isEqualTo(-500_000);
            s.model().place(1000, 0);
            s.loadCell().read(read);
            s.loadCell().read(read);
            assertThat(nextGood(s).counts()).isEqualTo(-500_000 + 280_000);
        }
    }

    @Test
    void firstReadsAfterPowerUpAreSettlingAndSeparatedByTheConversionPeriod() {
        try (SimulatedScale s = scale(TestScales.WIRING_80, TestScales.quietCell(1))) {
            long start = s.clock().nanoTime();
            s.loadCell().read(read);
            // datasheet: first data after the 50 ms settling at 80 SPS
            assertThat(read.timestampNanos() - start).isBetween(50_000_000L, 60_000_000L);
            long t1 = nextGood(s).timestampNanos();
            s.loadCell().read(read);
            assertThat(read.timestampNanos() - t1).isBetween(12_000_000L, 13_000_000L);
        }
    }

    @Test
    void gainPulsesSelectTheNextConversionsGain() {
        LoadCellConfig a64 = new LoadCellConfig(LoadCellConfig.Platform.SIMULATED, 5, 6, 80, Hx711Gain.A64, 50);
        LoadCellSimulation cell = new LoadCellSimulation(400_000, 280, 15_000, 0, 0, 0, 0, 900, 0, 0, 1);
        try (SimulatedScale s = scale(a64, cell)) {
            s.loadCell().read(read); // converted at the power-on gain A128; its 27 pulses select A64
            assertThat(read.fault()).isEqualTo(RawRead.Fault.SETTLING);
            assertThat(read.counts()).isEqualTo(400_000);
            assertThat(nextGood(s).counts()).isEqualTo(200_000); // half the A128 code
            assertThat(s.chip().gain()).isEqualTo(Hx711Gain.A64);
        }
    }

    @Test
    void tenSamplesPerSecondWithRatePinLow() {
        LoadCellConfig ten = new LoadCellConfig(LoadCellConfig.Platform.SIMULATED, 5, 6, 10, Hx711Gain.A128, 50);
        try (SimulatedScale s = scale(ten, TestScales.quietCell(1))) {
            long t0 = nextGood(s).timestampNanos();
            for (int i = 0; i < 10; i++) s.loadCell().read(read);
            assertThat(read.timestampNanos() - t0).isBetween(990_000_000L, 1_010_000_000L);
        }
    }

    @Test
    void stretchedClockPulsePowersTheChipDownAndTheReadIsDropped() {
        try (SimulatedScale s = scale(TestScales.WIRING_80, TestScales.quietCell(1))) {
            nextGood(s);
            s.chip().stretchPulse(10, 80_000); // pre-empted 80 us with PD_SCK high, past the 60 us power-down
            s.loadCell().read(read);
            assertThat(read.fault()).isEqualTo(RawRead.Fault.SCK_STRETCHED);
            assertThat(read.maxSckHighNanos()).isGreaterThanOrEqualTo(80_000);
            // the chip reset: the driver waits out the settling, then reads good values again
            long t = read.timestampNanos();
            RawRead good = nextGood(s);
            assertThat(good.timestampNanos() - t).isGreaterThanOrEqualTo(Hx711.settlingNanos(80));
            assertThat(good.counts()).isCloseTo(84_000, org.assertj.core.data.Offset.offset(600));
        }
    }

    @Test
    void powerDownMidReadWithoutTimingEvidenceIsCaughtByTheOnesTail() {
        // a driver whose clock cannot see the stretch: the all-ones tail still flags the read
        try (SimulatedScale s = scale(TestScales.WIRING_80, TestScales.quietCell(1))) {
            Hx711 blind = new Hx711(s.pins(), new BlindClock(s), 80, Hx711Gain.A128, 50_000);
            do blind.read(read); while (!read.good());
            s.chip().stretchPulse(8, 70_000);
            blind.read(read);
            assertThat(read.maxSckHighNanos()).isZero();
            assertThat(read.fault()).isEqualTo(RawRead.Fault.ONES_TAIL);
            assertThat(read.counts() & 0xFFFF).isEqualTo(0xFFFF);
        }
    }

    @Test
    void saturationCodesAreFlagged() {
        try (SimulatedScale s = scale(TestScales.WIRING_80, TestScales.quietCell(1))) {
            nextGood(s);
            s.chip().saturate(1);
            s.loadCell().read(read);
            assertThat(read.fault()).isEqualTo(RawRead.Fault.SATURATED);
            assertThat(read.counts()).isEqualTo(0x7FFFFF);
        }
    }

    @Test
    void lateConversionIsWaitedForAndDropped() {
        try (SimulatedScale s = scale(TestScales.WIRING_80, TestScales.quietCell(1))) {
            long t0 = nextGood(s).timestampNanos();
            s.chip().lateConversion(5_000_000L); // a little late: fine
            s.loadCell().read(read);
            assertThat(read.good()).isTrue();
            s.chip().lateConversion(40_000_000L); // three periods late: the chip re-settled, gain unknown
            s.loadCell().read(read);
            assertThat(read.fault()).isEqualTo(RawRead.Fault.LATE);
            assertThat(read.timestampNanos() - t0).isGreaterThan(40_000_000L);
            s.loadCell().read(read);
            assertThat(read.good()).isTrue();
        }
    }

    @Test
    void spuriousClockEdgeChangesTheGainAndBothReadsAroundItAreDropped() {
        LoadCellSimulation cell = new LoadCellSimulation(400_000, 280, 15_000, 0, 0, 0, 0, 900, 0, 0, 1);
        try (SimulatedScale s = scale(TestScales.WIRING_80, cell)) {
            nextGood(s);
            s.chip().extraPulses(1); // 26 pulses: the next conversion is channel B, gain 32
            s.loadCell().read(read);
            assertThat(read.good()).isTrue(); // this read itself was fine
            s.loadCell().read(read); // converted at B/32 after re-settling
            assertThat(read.fault()).isEqualTo(RawRead.Fault.LATE);
            assertThat(read.counts()).isEqualTo(100_000);
            s.loadCell().read(read); // back at A/128, after another re-settling
            assertThat(read.fault()).isEqualTo(RawRead.Fault.LATE);
            assertThat(nextGood(s).counts()).isEqualTo(400_000);
        }
    }

    @Test
    void silentChipIsReportedAsNotResponding() {
        try (SimulatedScale s = scale(TestScales.WIRING_80, TestScales.quietCell(1))) {
            nextGood(s);
            s.model().disconnect(true);
            assertThatThrownBy(() -> s.loadCell().read(read))
                    .isInstanceOf(LoadCellException.class)
                    .hasMessageContaining("load cell not responding");
            s.model().disconnect(false);
            assertThat(nextGood(s).counts()).isCloseTo(84_000, org.assertj.core.data.Offset.offset(600));
        }
    }

    @Test
    void ratePinWiredDifferentlyFromTheConfigIsReported() {
        LoadCellConfig ten = new LoadCellConfig(LoadCellConfig.Platform.SIMULATED, 5, 6, 10, Hx711Gain.A128, 50);
        try (SimulatedScale chipAt10 = scale(ten, TestScales.quietCell(1))) {
            Hx711 setTo80 = new Hx711(chipAt10.pins(), chipAt10.clock(), 80, Hx711Gain.A128, 50_000);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 30; i++) setTo80.read(read);
            }).isInstanceOf(LoadCellException.class).hasMessageContaining("RATE pin is wired high (80 SPS)");
        }
        try (SimulatedScale chipAt80 = scale(TestScales.WIRING_80, TestScales.quietCell(1))) {
            Hx711 setTo10 = new Hx711(chipAt80.pins(), chipAt80.clock(), 10, Hx711Gain.A128, 50_000);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 30; i++) setTo10.read(read);
            }).isInstanceOf(LoadCellException.class).hasMessageContaining("RATE pin is wired low (10 SPS)");
        }
    }

    @Test
    void powerDownAndUp() {
        try (SimulatedScale s = scale(TestScales.WIRING_80, TestScales.quietCell(1))) {
            nextGood(s);
            s.loadCell().powerDown();
            assertThat(s.chip().poweredDown()).isTrue();
            assertThatThrownBy(() -> s.loadCell().read(read)).hasMessageContaining("powered down");
            s.loadCell().powerUp();
            long up = s.clock().nanoTime();
            assertThat(s.chip().poweredDown()).isFalse();
            assertThat(nextGood(s).timestampNanos() - up).isGreaterThanOrEqualTo(Hx711.settlingNanos(80));
        }
    }

    @Test
    void readLoopDoesNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StaticChip chip = new StaticChip(0x123456);
        Hx711 driver = new Hx711(chip, chip, 80, Hx711Gain.A128, 50_000);
        for (int i = 0; i < 20_000; i++) driver.read(read); // warm up: JIT, settling
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) driver.read(read);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(read.counts()).isEqualTo(0x123456);
        assertThat(read.good()).isTrue();
        assertThat(allocated).isLessThan(1_000); // a single RawRead or boxed value would be 160 kB
    }

    /** Wires that shift out a fixed code, with a clock that only moves when paused: no simulator, no Pi4J. */
    private static final class StaticChip implements Hx711Pins, MonotonicClock {
        private final int code;
        private int pulse;
        private long now;

        StaticChip(int code) {
            this.code = code;
        }

        @Override
        public void clockHigh() {
            pulse++;
        }

        @Override
        public void clockLow() {
            if (pulse >= 25) pulse = 0;
        }

        @Override
        public boolean dataHigh() {
            if (pulse == 0) return false; // ready
            return pulse <= 24 && ((code >>> (24 - pulse)) & 1) != 0;
        }

        @Override
        public void close() {}

        @Override
        public long nanoTime() {
            return now += 1_000; // each GPIO call takes about 1 us
        }

        @Override
        public void pause(long nanos) {
            now += nanos;
        }
    }

    /** A clock that does not see time the kernel steals (it only moves when the driver pauses). */
    private static final class BlindClock implements MonotonicClock {
        private final SimulatedScale s;
        private long now;

        BlindClock(SimulatedScale s) {
            this.s = s;
            this.now = s.clock().nanoTime();
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void pause(long nanos) {
            now += nanos;
            s.clock().pause(nanos);
        }
    }
}
