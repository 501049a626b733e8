package io.watchfloor.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An OpenSSH known_hosts file, parsed by us (not JSch's KnownHosts) so that matching rules are ours and testable:
 * plain names, {@code [host]:port}, comma lists, hashed {@code |1|salt|hmac} names, {@code *}/{@code ?} wildcards,
 * {@code !} negation, and the {@code @revoked} and {@code @cert-authority} markers. Lines it cannot read are skipped
 * and reported in {@link #problems()} (OpenSSH skips them too).
 */
public final class KnownHostsFile {
    public enum Marker { NONE, REVOKED, CERT_AUTHORITY }

    /** One usable line. {@code key} is the decoded public key blob. */
    public record Entry(int line, Marker marker, String hosts, String keyType, byte[] key) {
        /** Whether this line names {@code knownHostsName} ({@code host} or {@code [host]:port}). */
        public boolean matches(String knownHostsName) {
            return HostPatterns.matches(hosts, knownHostsName);
        }

        public boolean sameKey(byte[] other) {
            return MessageDigest.isEqual(key, other);
        }
    }

    private final Path file;
    private final List<Entry> entries;
    private final List<String> problems;

    private KnownHostsFile(Path file, List<Entry> entries, List<String> problems) {
        this.file = file;
        this.entries = List.copyOf(entries);
        this.problems = List.copyOf(problems);
    }

    /** Reads the file; a missing file is an empty one (nothing known yet). */
    public static KnownHostsFile read(Path file) throws IOException {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException missing) {
            return parse(file, "");
        }
    }

    public static KnownHostsFile parse(Path file, String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("[ \t]+");
            int at = 0;
            Marker marker = Marker.NONE;
            if (fields[0].startsWith("@")) {
                marker = switch (fields[0]) {
                    case "@revoked" -> Marker.REVOKED;
                    case "@cert-authority" -> Marker.CERT_AUTHORITY;
                    default -> null;
                };
                if (marker == null) {
                    problems.add("line " + (i + 1) + ": unknown marker " + fields[0]);
                    continue;
                }
                at = 1;
            }
            if (fields.length < at + 3) {
                problems.add("line " + (i + 1) + ": expected hosts, key type and key");
                continue;
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(fields[at + 2]);
            } catch (IllegalArgumentException notBase64) {
                problems.add("line " + (i + 1) + ": key is not base64");
                continue;
            }
            String typeInBlob = blobType(key);
            if (!fields[at + 1].equals(typeInBlob)) {
                problems.add("line " + (i + 1) + ": key type " + fields[at + 1] + " does not match the key");
                continue;
            }
            entries.add(new Entry(i + 1, marker, fields[at], fields[at + 1], key));
        }
        return new KnownHostsFile(file, entries, problems);
    }

    public Path file() {
        return file;
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<String> problems() {
        return problems;
    }

    /** Plain (unmarked) entries naming this host. */
    public List<Entry> keysFor(String knownHostsName) {
        return entries.stream().filter(e -> e.marker() == Marker.NONE && e.matches(knownHostsName)).toList();
    }

    /** @cert-authority entries trusted for this host. */
    public List<Entry> authoritiesFor(String knownHostsName) {
        return entries.stream().filter(e -> e.marker() == Marker.CERT_AUTHORITY && e.matches(knownHostsName))
                .toList();
    }

    /** Whether {@code key} is marked @revoked for this host. */
    public boolean isRevoked(String knownHostsName, byte[] key) {
        return entries.stream().anyMatch(e -> e.marker() == Marker.REVOKED && e.sameKey(key)
                && e.matches(knownHostsName));
    }

    /** The key type inside an SSH public key blob (its first string), or null when the blob is malformed. */
    static String blobType(byte[] blob) {
        if (blob.length < 4) {
            return null;
        }
        int len = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (len < 0 || len > blob.length - 4) {
            return null;
        }
        return new String(blob, 4, len, StandardCharsets.US_ASCII);
    }

    /** The host-pattern half of a known_hosts line. */
    static final class HostPatterns {
        private HostPatterns() {
        }

        /**
         * OpenSSH semantics: the name matches when some pattern matches and no negated pattern does. A hashed
         * pattern never negates. Host names compare case-insensitively.
         */
        static boolean matches(String patterns, String knownHostsName) {
            String name = knownHostsName.toLowerCase(Locale.ROOT);
            if (patterns.startsWith("|1|")) {
                return hashedMatches(patterns, knownHostsName);
            }
            boolean positive = false;
            for (String raw : patterns.split(",")) {
                String pattern = raw.strip().toLowerCase(Locale.ROOT);
                if (pattern.isEmpty()) {
                    continue;
                }
                boolean negated = pattern.startsWith("!");
                if (negated) {
                    pattern = pattern.substring(1);
                }
                if (wildcard(pattern, name)) {
                    if (negated) {
                        return false;
                    }
                    positive = true;
                }
            }
            return positive;
        }

        /** {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))} as written by {@code ssh-keygen -H}. */
        static boolean hashedMatches(String pattern, String name) {
            String[] parts = pattern.split("\\|");
            if (parts.length != 4) {
                return false;
            }
            try {
                byte[] salt = Base64.getDecoder().decode(parts[2]);
                byte[] expected = Base64.getDecoder().decode(parts[3]);
                return MessageDigest.isEqual(expected, hmacSha1(salt, name));
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }

        static byte[] hmacSha1(byte[] salt, String name) {
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(salt, "HmacSHA1"));
                return mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA1 unavailable", e);
            }
        }

        /** Glob with {@code *} (any run) and {@code ?} (one character), iterative with backtracking. */
        static boolean wildcard(String pattern, String text) {
            int p = 0;
            int t = 0;
            int star = -1;
            int mark = 0;
            while (t < text.length()) {
                if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                    p++;
                    t++;
                } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                    star = p++;
                    mark = t;
                } else if (star >= 0) {
                    p = star + 1;
                    t = ++mark;
                } else {
                    return false;
                }
            }
            while (p < pattern.length() && pattern.charAt(p) == '*') {
                p++;
            }
            return p == pattern.length();
        }
    }
}
