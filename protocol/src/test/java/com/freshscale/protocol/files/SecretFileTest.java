package com.freshscale.protocol.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewSecretIsReadableByItsOwnerOnlyAndNothingElseIsLeftInTheFolder() throws Exception {
        Path file = dir.resolve("sub/demo-password.txt");
        SecretFile.write(file, "s3cret\n");
        assertThat(Files.readString(file)).isEqualTo("s3cret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("demo-password.txt");
        }
    }

    @Test
    void aSecretReplacesAWorldReadableFileAndIsOwnerOnlyAfterwards() throws Exception {
        Path file = dir.resolve("mqtt.password");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        byte[] bytes = "new password".getBytes(StandardCharsets.UTF_8);
        SecretFile.write(file, bytes);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(names()).containsExactly("mqtt.password");
    }

    @Test
    void aWriteThatFailsLeavesTheTargetAsItWasAndNoPartialFileBehind() throws Exception {
        // the target cannot be replaced (a folder with something in it): the rename fails after the content was written
        Path target = dir.resolve("signing.key");
        Files.createDirectories(target);
        Files.writeString(target.resolve("keep"), "kept");
        assertThatThrownBy(() -> SecretFile.write(target, "-----BEGIN PRIVATE KEY-----")).isInstanceOf(IOException.class);
        assertThat(Files.readString(target.resolve("keep"))).isEqualTo("kept");
        assertThat(names()).as("no temporary file with the secret in it").containsExactly("signing.key");
    }

    @Test
    void aFolderThatCannotBeMadeIsAnErrorAndWritesNothing() throws Exception {
        Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> SecretFile.write(dir.resolve("not-a-folder/secret"), "x")).isInstanceOf(IOException.class);
        assertThat(names()).containsExactly("not-a-folder");
    }

    @Test
    void createIfAbsentMakesAnEmptyOwnerOnlyFileAndLeavesAnExistingOneAsItIs() throws Exception {
        Path file = dir.resolve("db/freshscale.db");
        assertThat(SecretFile.createIfAbsent(file)).isTrue();
        assertThat(Files.size(file)).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Files.writeString(file, "data");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(SecretFile.createIfAbsent(file)).isFalse();
        assertThat(Files.readString(file)).isEqualTo("data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }
}
