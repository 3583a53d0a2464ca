package com.freshscale.server.app;

import com.freshscale.protocol.files.SecretFile;
import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Accounts;
import com.freshscale.server.auth.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The demo's HQ account: user {@value #USER} with a random password, kept in {@value #FILE} in the server's
 * data folder (readable by its owner only) so that the demo scale can seed the price book through the API
 * and the demo can print it. The same password on every start of the same demo folder; a fresh one when the
 * file or the account is gone. Only {@code run --demo} does this: a real server never gets an account it was
 * not given.
 */
public final class DemoAccount {
    public static final String USER = "demo";
    public static final String FILE = "demo-password.txt";

    public record Credentials(String user, String password) {}

    private DemoAccount() {
    }

    public static Credentials ensure(Accounts accounts, Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (accounts.verify(USER, kept.toCharArray()).filter(Account::hq).isPresent()) return new Credentials(USER, kept);
        }
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(b); // 16 characters, 96 bits
        if (accounts.list().keySet().stream().anyMatch(a -> a.userName().equals(USER))) accounts.remove(USER);
        accounts.add(new Account(USER, Role.HQ, Set.of()), password.toCharArray());
        SecretFile.write(file, password + "\n");
        return new Credentials(USER, password);
    }
}
