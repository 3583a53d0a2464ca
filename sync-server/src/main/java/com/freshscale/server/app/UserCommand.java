package com.freshscale.server.app;

import com.freshscale.server.auth.Account;
import com.freshscale.server.auth.Accounts;
import com.freshscale.server.auth.PasswordHasher;
import com.freshscale.server.auth.Role;
import com.freshscale.server.store.ServerDatabase;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code freshscale-server user add|list|remove|passwd}: the accounts of the console and the HTTP API, in the
 * same database as {@code run} (works while the server runs). A password is never a command-line argument
 * (other users see those in {@code ps}, the shell keeps them in its history): it is read from
 * {@code --password-file} or stdin.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the console/API accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class, UserCommand.Passwd.class})
final class UserCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing sub-command: add, list, remove or passwd");
    }

    /** Where the accounts are: the same options and defaults as {@code run}. */
    static final class Database {
        @Option(names = "--data-dir", defaultValue = "freshscale-data", description = "The server's data folder (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--db", description = "jdbc:sqlite:<file> or jdbc:postgresql://... (default: <data-dir>/freshscale.db).")
        String db;

        Accounts open() {
            String url = db != null ? db : "jdbc:sqlite:" + dataDir.resolve("freshscale.db");
            return new Accounts(ServerDatabase.open(url));
        }
    }

    /** Reads a new password from a file or stdin. */
    static final class Password {
        @Option(names = "--password-file", description = "Read the password from the first line of this file (default: stdin).")
        Path file;

        char[] read() throws IOException {
            if (file != null) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.isEmpty()) throw new IllegalArgumentException("the password file " + file + " is empty");
                return lines.get(0).toCharArray();
            }
            Console console = System.console();
            if (console != null) {
                char[] a = console.readPassword("Password (at least %d characters): ", PasswordHasher.MIN_LENGTH);
                char[] b = console.readPassword("The same again: ");
                if (a == null || b == null) throw new IllegalArgumentException("no password given");
                boolean same = Arrays.equals(a, b);
                PasswordHasher.wipe(b);
                if (!same) throw new IllegalArgumentException("the two passwords differ");
                return a;
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) throw new IllegalArgumentException("no password on stdin (or use --password-file)");
            return line.toCharArray();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an account. The password is read from stdin or --password-file.")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "User name: 1-64 letters, digits or . _ @ -")
        String name;

        @Option(names = "--role", required = true, description = "hq (every store, reports, fleet, commands), manager (its --store's only) or till (a POS: reports its --store's till scans, nothing else)")
        String role;

        @Option(names = "--store", description = "A store this manager runs, or whose tills this till account reports (repeat for several).")
        List<String> stores = new ArrayList<>();

        @Mixin
        Database database;

        @Mixin
        Password password;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Account account = new Account(Account.checkName(name), Role.parse(role), new TreeSet<>(stores));
            char[] pw = password.read();
            try {
                PasswordHasher.checkStrength(pw);
                database.open().add(account, pw);
            } finally {
                PasswordHasher.wipe(pw);
            }
            spec.commandLine().getOut().println("added " + describe(account));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        Database database;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Map<Account, java.time.Instant> all = database.open().list();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-24s %-8s %-17s %s%n", "USER", "ROLE", "CREATED (UTC)", "STORES");
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
            all.forEach((a, created) -> out.printf("%-24s %-8s %-17s %s%n", a.userName(), a.role().id(), f.format(created),
                    a.hq() ? "(all)" : String.join(",", new TreeSet<>(a.stores()))));
            if (all.isEmpty()) out.println("(no accounts: add one with `user add <name> --role hq`)");
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an account and end its sessions.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        Database database;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            database.open().remove(name);
            spec.commandLine().getOut().println("removed " + name + " (its console sessions are ended)");
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set a new password (from stdin or --password-file) and end the account's sessions.")
    static final class Passwd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        Database database;

        @Mixin
        Password password;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            char[] pw = password.read();
            try {
                database.open().setPassword(name, pw);
            } finally {
                PasswordHasher.wipe(pw);
            }
            spec.commandLine().getOut().println("new password set for " + name + " (its console sessions are ended)");
            return 0;
        }
    }

    static String describe(Account a) {
        return a.userName() + " (" + a.role().id() + (a.hq() ? ", all stores" : ", stores " + String.join(",", new TreeSet<>(a.stores()))) + ")";
    }
}
