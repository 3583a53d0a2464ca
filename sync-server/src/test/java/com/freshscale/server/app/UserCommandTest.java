package com.freshscale.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.freshscale.server.auth.Accounts;
import com.freshscale.server.store.ServerDatabase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code freshscale-server user ...} in-process, against a real SQLite database in a temporary data folder. */
class UserCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ServerMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        InputStream was = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--data-dir";
            all[args.length + 1] = dir.toString();
            return new Run(cl.execute(all), out.toString(), err.toString());
        } finally {
            System.setIn(was);
        }
    }

    Accounts accounts() {
        return new Accounts(ServerDatabase.open("jdbc:sqlite:" + dir.resolve("freshscale.db")));
    }

    @Test
    void addListPasswdRemove() throws Exception {
        Run added = run("head-office-pw\n", "user", "add", "boss", "--role", "hq");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("added boss (hq, all stores)");
        Path pwFile = dir.resolve("anna.pw");
        Files.writeString(pwFile, "anna-password-1\n");
        Run manager = run("", "user", "add", "anna", "--role", "manager", "--store", "north", "--store", "south", "--password-file", pwFile.toString());
        assertThat(manager.exit()).as(manager.err()).isZero();

        Run list = run("", "user", "list");
        assertThat(list.out()).containsPattern("anna\\s+manager\\s+\\S+ \\S+\\s+north,south").containsPattern("boss\\s+hq\\s+.*\\(all\\)");
        assertThat(list.out()).doesNotContain("pbkdf2"); // never the hashes
        assertThat(accounts().verify("anna", "anna-password-1".toCharArray())).isPresent();

        assertThat(run("anna-password-2\n", "user", "passwd", "anna").exit()).isZero();
        assertThat(accounts().verify("anna", "anna-password-1".toCharArray())).isEmpty();
        assertThat(accounts().verify("anna", "anna-password-2".toCharArray())).isPresent();

        Run removed = run("", "user", "remove", "anna");
        assertThat(removed.exit()).isZero();
        assertThat(run("", "user", "list").out()).doesNotContain("anna");
    }

    @Test
    void badInputIsRefusedWithAReasonAndChangesNothing() throws Exception {
        assertRefused(run("short\n", "user", "add", "boss", "--role", "hq"), "at least 10 characters");
        assertRefused(run("", "user", "add", "boss", "--role", "hq"), "no password on stdin");
        assertRefused(run("long-enough-pw\n", "user", "add", "bad name!", "--role", "hq"), "user name must be");
        assertRefused(run("long-enough-pw\n", "user", "add", "boss", "--role", "king"), "role must be hq, manager or till");
        assertRefused(run("long-enough-pw\n", "user", "add", "anna", "--role", "manager"), "a manager needs at least one store");
        assertRefused(run("long-enough-pw\n", "user", "add", "anna", "--role", "manager", "--store", "no/slash"), "bad store/scale id");
        assertRefused(run("long-enough-pw\n", "user", "add", "boss", "--role", "hq", "--store", "north"), "give it no store");
        assertRefused(run("", "user", "add", "boss", "--role", "hq", "--password-file", dir.resolve("missing").toString()), "missing");
        assertRefused(run("", "user", "remove", "ghost"), "no user ghost");
        assertRefused(run("long-enough-pw\n", "user", "passwd", "ghost"), "no user ghost");
        // a password is never an argument (it would show in ps and the shell history)
        Run arg = run("", "user", "add", "boss", "--role", "hq", "--password", "long-enough-pw");
        assertThat(arg.exit()).isEqualTo(2);
        assertThat(arg.err()).contains("Unknown option");
        assertThat(run("", "user", "list").out()).contains("(no accounts");

        assertThat(run("long-enough-pw\n", "user", "add", "boss", "--role", "hq").exit()).isZero();
        assertRefused(run("another-password\n", "user", "add", "boss", "--role", "hq"), "exists already");
        assertThat(accounts().verify("boss", "long-enough-pw".toCharArray())).isPresent();
        assertRefused(run("short\n", "user", "passwd", "boss"), "at least 10");
        assertThat(accounts().verify("boss", "long-enough-pw".toCharArray())).isPresent();
    }

    static void assertRefused(Run r, String reason) {
        assertThat(r.exit()).as(r.out()).isNotZero();
        assertThat(r.err()).contains(reason).doesNotContain("\tat "); // one line, no stack trace
    }
}
