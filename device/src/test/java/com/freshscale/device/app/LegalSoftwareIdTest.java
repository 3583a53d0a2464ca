package com.freshscale.device.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegalSoftwareIdTest {
    @TempDir
    Path dir;

    private Path firmware(String name, byte[] weighing, byte[] sync) throws Exception {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder.resolve("com/freshscale/device/weighing"));
        Files.createDirectories(folder.resolve("com/freshscale/device/sync"));
        Files.write(folder.resolve("com/freshscale/device/weighing/Scale.class"), weighing);
        Files.write(folder.resolve("com/freshscale/device/sync/Link.class"), sync);
        return folder;
    }

    @Test
    void changesWithTheWeighingCodeOnlyAndIsTheSameFromAJar() throws Exception {
        String a = LegalSoftwareId.of(firmware("a", new byte[] {1, 2, 3}, new byte[] {9}));
        assertThat(a).hasSize(64).matches("[0-9a-f]+");
        // the sync stage is not legally relevant: changing it keeps the checksum
        assertThat(LegalSoftwareId.of(firmware("b", new byte[] {1, 2, 3}, new byte[] {8}))).isEqualTo(a);
        // one byte of the weighing code changes it
        assertThat(LegalSoftwareId.of(firmware("c", new byte[] {1, 2, 4}, new byte[] {9}))).isNotEqualTo(a);

        Path jar = dir.resolve("firmware.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("com/freshscale/device/sync/Link.class"));
            out.write(new byte[] {7});
            out.putNextEntry(new JarEntry("com/freshscale/device/weighing/Scale.class"));
            out.write(new byte[] {1, 2, 3});
        }
        assertThat(LegalSoftwareId.of(jar)).isEqualTo(a);
    }

    @Test
    void theBarcodeLayoutsInTheProtocolModuleAreLegallyRelevant() throws Exception {
        Path device = firmware("d", new byte[] {1, 2, 3}, new byte[] {9});
        Path protocol = dir.resolve("protocol");
        Files.createDirectories(protocol.resolve("com/freshscale/protocol/barcode"));
        Files.createDirectories(protocol.resolve("com/freshscale/protocol/sales"));
        Path layout = protocol.resolve("com/freshscale/protocol/barcode/BarcodeLayout.class");
        Files.write(layout, new byte[] {5});
        Files.write(protocol.resolve("com/freshscale/protocol/sales/Sale.class"), new byte[] {6});
        String id = LegalSoftwareId.of(java.util.List.of(device, protocol));
        assertThat(id).isNotEqualTo(LegalSoftwareId.of(device));
        // what the till reads changes the checksum; the rest of the protocol module does not
        Files.write(layout, new byte[] {4});
        assertThat(LegalSoftwareId.of(java.util.List.of(device, protocol))).isNotEqualTo(id);
        Files.write(layout, new byte[] {5});
        // and so does the price book's code that the scale charges by (the price in force, a promotion's price)
        Files.createDirectories(protocol.resolve("com/freshscale/protocol/pricebook"));
        Path promotion = protocol.resolve("com/freshscale/protocol/pricebook/Promotion.class");
        Files.write(promotion, new byte[] {8});
        String withBook = LegalSoftwareId.of(java.util.List.of(device, protocol));
        assertThat(withBook).isNotEqualTo(id);
        Files.write(promotion, new byte[] {3});
        assertThat(LegalSoftwareId.of(java.util.List.of(device, protocol))).isNotEqualTo(withBook);
        Files.delete(promotion);
        Files.write(protocol.resolve("com/freshscale/protocol/sales/Sale.class"), new byte[] {7});
        assertThat(LegalSoftwareId.of(java.util.List.of(device, protocol))).isEqualTo(id);
    }

    @Test
    void firmwareWithoutWeighingCodeIsAnError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> LegalSoftwareId.of(empty)).hasMessageContaining("no legally relevant classes");
        assertThat(LegalSoftwareId.ofRunningFirmware()).hasSize(64);
    }
}
