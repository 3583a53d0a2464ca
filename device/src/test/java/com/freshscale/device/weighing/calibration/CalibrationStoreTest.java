package com.freshscale.device.weighing.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.freshscale.device.store.DeviceDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationStoreTest {
    @TempDir
    Path dir;

    private static Calibration cal(double span) {
        return new Calibration(List.of(new CalibrationPoint(0, 84_000), new CalibrationPoint(15_000_000, 84_000 + span)));
    }

    @Test
    void calibrationAndCounterSurviveARestart() {
        Path file = dir.resolve("scale.db");
        CalibrationStore store = new CalibrationStore(DeviceDatabase.open(file));
        assertThat(store.eventCounter()).isZero();
        assertThat(store.current()).isEmpty();
        store.save(cal(4_200_000), "15000g/5g", "A. Tech", Instant.parse("2026-11-26T10:00:00Z"));
        store.save(cal(4_200_500), "15000g/5g", "B. Tech", Instant.parse("2026-11-26T11:00:00Z"));

        CalibrationStore reopened = new CalibrationStore(DeviceDatabase.open(file));
        assertThat(reopened.eventCounter()).isEqualTo(2);
        CalibrationStore.Stored current = reopened.current().orElseThrow();
        assertThat(current.event()).isEqualTo(2);
        assertThat(current.technician()).isEqualTo("B. Tech");
        assertThat(current.ranges()).isEqualTo("15000g/5g");
        assertThat(current.calibration().points()).isEqualTo(cal(4_200_500).points());

        List<CalibrationStore.AuditEntry> log = reopened.auditLog();
        assertThat(log).hasSize(2);
        assertThat(log.get(0).oldValue()).isNull();
        assertThat(log.get(1).event()).isEqualTo(2);
        assertThat(log.get(1).oldValue()).contains("15000000mg@4284000.0");
        assertThat(log.get(1).newValue()).contains("15000000mg@4284500.0");
    }

    @Test
    void counterCannotBeResetAndHistoryCannotBeRewritten() throws Exception {
        DeviceDatabase db = DeviceDatabase.open(dir.resolve("scale.db"));
        CalibrationStore store = new CalibrationStore(db);
        store.save(cal(4_200_000), "15000g/5g", "A. Tech", Instant.now());
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "UPDATE calibration_counter SET events = 0",
                    "DELETE FROM calibration_counter",
                    "UPDATE calibration SET technician = 'X'",
                    "DELETE FROM calibration_point",
                    "UPDATE weighing_audit_log SET new_value = 'forged'",
                    "DELETE FROM weighing_audit_log")) {
                assertThatThrownBy(() -> s.executeUpdate(sql)).as(sql).hasMessageContaining("SQLITE_CONSTRAINT_TRIGGER");
            }
        }
        assertThat(store.eventCounter()).isEqualTo(1);
        assertThat(store.auditLog()).hasSize(1);
    }

    @Test
    void aFailedSaveChangesNothing() {
        CalibrationStore store = new CalibrationStore(DeviceDatabase.open(dir.resolve("scale.db")));
        assertThatThrownBy(() -> store.save(cal(4_200_000), "15000g/5g", " ", Instant.now()))
                .hasMessageContaining("technician");
        assertThat(store.eventCounter()).isZero();
        assertThat(store.auditLog()).isEmpty();
    }
}
