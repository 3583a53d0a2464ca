package com.freshscale.protocol.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file only its owner may read or write (passwords, enrolment codes, private keys, MQTT credentials, a broker
 * configuration holding a keystore password), written so that no reader ever sees it half written or readable by others:
 * the content goes to a temporary file in the same folder, created with mode 0600 from the start (no window in which
 * the umask's wider mode applies), forced to the disk, then renamed over the target in one step (rename(2) is atomic
 * within a file system). A failure at any point leaves the target as it was and no temporary file behind.
 *
 * <p>On a file system without POSIX permissions (Windows) the folder's access rules protect the file instead.
 */
public final class SecretFile {
    private static final String OWNER_ONLY = "rw-------";

    private SecretFile() {
    }

    /** Writes {@code text} (UTF-8) to {@code file}, owner-only, atomically, replacing what was there. */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} to {@code file}, owner-only, atomically, replacing what was there. */
    public static void write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // a random name in the target's folder: same file system (so the rename is atomic), and two writers never share it
        String prefix = "." + file.getFileName();
        Path tmp = posix(dir)
                ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)))
                : Files.createTempFile(dir, prefix, ".tmp");
        try {
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) c.write(b);
                c.force(true); // on the disk before the rename makes it the file: a power cut leaves the old or the new one
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp); // gone after the rename; after a failure, no secret lies about under another name
        }
    }

    /**
     * Creates {@code file} empty and owner-only (mode 0600 from the start) if it is not there yet; an existing file is
     * left as it is. For a SQLite database, which takes an empty file as a new database and gives its -wal, -shm and
     * -journal files the database file's mode: created by SQLite itself, they would all be 0644 under the usual umask,
     * every sale, price and account readable by any local user. Returns whether it created the file.
     */
    public static boolean createIfAbsent(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        try {
            if (posix(dir)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
            } else {
                Files.createFile(file);
            }
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
