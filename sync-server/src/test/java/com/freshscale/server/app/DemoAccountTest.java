package com.freshscale.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.server.auth.Accounts;
import com.freshscale.server.store.ServerDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAccountTest {
    @Test
    void theDemoKeepsItsRandomPasswordUntilTheFileIsGone(@TempDir Path dir) throws Exception {
        Accounts accounts = new Accounts(ServerDatabase.open("jdbc:sqlite:" + dir.resolve("freshscale.db")));
        DemoAccount.Credentials first = DemoAccount.ensure(accounts, dir);
        assertThat(first.user()).isEqualTo("demo");
        assertThat(first.password()).hasSize(16);
        Path file = dir.resolve(DemoAccount.FILE);
        assertThat(Files.readString(file).strip()).isEqualTo(first.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(accounts.verify("demo", first.password().toCharArray())).hasValueSatisfying(a -> assertThat(a.hq()).isTrue());

        assertThat(DemoAccount.ensure(accounts, dir)).isEqualTo(first); // a restart of the same demo

        Files.delete(file);
        DemoAccount.Credentials fresh = DemoAccount.ensure(accounts, dir);
        assertThat(fresh.password()).isNotEqualTo(first.password());
        assertThat(accounts.verify("demo", first.password().toCharArray())).isEmpty();
        assertThat(accounts.list()).hasSize(1);
    }
}
