package com.freshscale.server.auth;

import com.freshscale.server.store.NotFoundException;
import com.freshscale.server.store.ServerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The accounts in the server database. Each change is one transaction; removing an account or changing its
 * password also ends its console sessions. Bad input is an {@link IllegalArgumentException} and changes nothing.
 */
public final class Accounts {
    /** An account with its stored password hash, for the login check only. */
    record Stored(Account account, String passwordHash, Instant created) {}

    private final ServerDatabase database;
    private final PasswordHasher hasher;

    public Accounts(ServerDatabase database) {
        this(database, new PasswordHasher());
    }

    Accounts(ServerDatabase database, PasswordHasher hasher) {
        this.database = database;
        this.hasher = hasher;
    }

    /** The accounts' database work, for {@link Sessions}, which keeps its rows beside them. */
    <T> T tx(ServerDatabase.Work<T> work) {
        return database.transaction(work);
    }

    <T> T read(ServerDatabase.Work<T> work) {
        return database.read(work);
    }

    public void add(Account account, char[] password) {
        Account.checkName(account.userName());
        PasswordHasher.checkStrength(password);
        String hash = hasher.hash(password);
        database.transaction(c -> {
            if (find(c, account.userName()).isPresent()) {
                throw new IllegalArgumentException("user " + account.userName() + " exists already (change its password with `user passwd`)");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO account (user_name, role, password_hash, created_ms) VALUES (?,?,?,?)")) {
                p.setString(1, account.userName());
                p.setString(2, account.role().id());
                p.setString(3, hash);
                p.setLong(4, System.currentTimeMillis());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO account_store (user_name, store_id) VALUES (?,?)")) {
                for (String s : new TreeSet<>(account.stores())) {
                    p.setString(1, account.userName());
                    p.setString(2, s);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    /** Sets a new password and ends the account's sessions (somebody may have learnt the old one). */
    public void setPassword(String userName, char[] password) {
        PasswordHasher.checkStrength(password);
        String hash = hasher.hash(password);
        database.transaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE account SET password_hash = ? WHERE user_name = ?")) {
                p.setString(1, hash);
                p.setString(2, userName);
                if (p.executeUpdate() == 0) throw new NotFoundException("no user " + userName);
            }
            endSessions(c, userName);
            return null;
        });
    }

    public void remove(String userName) {
        database.transaction(c -> {
            endSessions(c, userName);
            try (PreparedStatement p = c.prepareStatement("DELETE FROM account_store WHERE user_name = ?")) {
                p.setString(1, userName);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM account WHERE user_name = ?")) {
                p.setString(1, userName);
                if (p.executeUpdate() == 0) throw new NotFoundException("no user " + userName);
            }
            return null;
        });
    }

    /** Every account with the time it was created, by name. */
    public Map<Account, Instant> list() {
        return database.read(c -> {
            Map<String, TreeSet<String>> stores = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT user_name, store_id FROM account_store");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) stores.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getString(2));
            }
            Map<Account, Instant> out = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT user_name, role, created_ms FROM account ORDER BY user_name");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(new Account(r.getString(1), Role.parse(r.getString(2)), stores.getOrDefault(r.getString(1), new TreeSet<>())),
                            Instant.ofEpochMilli(r.getLong(3)));
                }
            }
            return out;
        });
    }

    public boolean any() {
        return database.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM account"); ResultSet r = p.executeQuery()) {
                return r.next() && r.getLong(1) > 0;
            }
        });
    }

    /** The account if {@code password} is its password, else empty (and as slow: see {@link PasswordHasher#burn}). */
    public Optional<Account> verify(String userName, char[] password) {
        return verifyStored(userName, password).map(Stored::account);
    }

    /** As {@link #verify}, with the stored row the password was checked against (its hash included). */
    Optional<Stored> verifyStored(String userName, char[] password) {
        Optional<Stored> s = find(userName);
        if (s.isEmpty()) {
            PasswordHasher.burn(password);
            return Optional.empty();
        }
        return PasswordHasher.verify(password, s.get().passwordHash()) ? s : Optional.empty();
    }

    Optional<Stored> find(String userName) {
        return database.read(c -> find(c, userName));
    }

    static Optional<Stored> find(Connection c, String userName) throws SQLException {
        String role;
        String hash;
        long created;
        try (PreparedStatement p = c.prepareStatement("SELECT role, password_hash, created_ms FROM account WHERE user_name = ?")) {
            p.setString(1, userName);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) return Optional.empty();
                role = r.getString(1);
                hash = r.getString(2);
                created = r.getLong(3);
            }
        }
        List<String> stores = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT store_id FROM account_store WHERE user_name = ?")) {
            p.setString(1, userName);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) stores.add(r.getString(1));
            }
        }
        return Optional.of(new Stored(new Account(userName, Role.parse(role), new TreeSet<>(stores)), hash, Instant.ofEpochMilli(created)));
    }

    static void endSessions(Connection c, String userName) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM account_session WHERE user_name = ?")) {
            p.setString(1, userName);
            p.executeUpdate();
        }
    }
}
