package io.watchfloor.access.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals terminal recordings so that only the holder of the recording private key can read them.
 *
 * <p>Sealed layout (version 1), all integers big-endian:
 * <pre>
 *   "WFREC" 0x01                      magic and version
 *   u16 len, UTF-8                    fingerprint of the public key it was sealed for (SHA256:hex)
 *   u16 len, bytes                    AES-256 key wrapped with RSA-OAEP (SHA-256, MGF1-SHA-256)
 *   12 bytes                          GCM nonce
 *   rest                              AES-256-GCM ciphertext + 16-byte tag; the header above is the AAD
 * </pre>
 * The plaintext is the Deflate-compressed chunk stream: for each chunk {@code u64 millis since start, u32 length,
 * bytes}. {@link #open} returns it decompressed; {@link #chunks} and {@link #output} read it.
 */
public final class RecordingSealer {
    static final byte[] MAGIC = "WFREC".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PublicKey publicKey;
    private final String fingerprint;

    private RecordingSealer(PublicKey publicKey) {
        this.publicKey = publicKey;
        this.fingerprint = RecordingKeys.fingerprint(publicKey);
    }

    public static RecordingSealer forPublicKey(Path rsaPublicKeyPem) {
        return new RecordingSealer(RecordingKeys.readPublicKey(rsaPublicKeyPem));
    }

    public static RecordingSealer forPublicKey(PublicKey key) {
        return new RecordingSealer(Objects.requireNonNull(key, "key"));
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** A new recorder; timestamps are relative to now on {@code clock}. */
    public Recorder recorder(Clock clock) {
        return new Recorder(clock);
    }

    public Recorder recorder() {
        return recorder(Clock.systemUTC());
    }

    /** One piece of terminal output and when it appeared, relative to the start of the session. */
    public record Chunk(long offsetMillis, byte[] data) {
    }

    /**
     * Collects what the terminal printed. Each write becomes one timestamped chunk, compressed as it arrives (the
     * plaintext lives only in memory, compressed); {@link #close} encrypts and makes {@link #sealed} available.
     * Safe to write from the terminal's reader thread and close from another.
     */
    public final class Recorder extends OutputStream {
        private final Clock clock;
        private final long start;
        private final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        private final DataOutputStream frames;
        private byte[] sealed;

        private Recorder(Clock clock) {
            this.clock = clock;
            this.start = clock.millis();
            this.frames = new DataOutputStream(new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_SPEED)));
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (sealed != null) {
                throw new IOException("recording already sealed");
            }
            if (len == 0) {
                return;
            }
            frames.writeLong(Math.max(0, clock.millis() - start));
            frames.writeInt(len);
            frames.write(b, off, len);
        }

        /** Ends the recording and encrypts it; idempotent. */
        @Override
        public synchronized void close() throws IOException {
            if (sealed != null) {
                return;
            }
            frames.close();
            sealed = seal(compressed.toByteArray());
            compressed.reset();
        }

        /** The sealed bytes, after {@link #close}. */
        public synchronized byte[] sealed() {
            if (sealed == null) {
                throw new IllegalStateException("close the recorder first");
            }
            return sealed.clone();
        }
    }

    private byte[] seal(byte[] compressedPlain) {
        try {
            KeyGenerator kg = KeyGenerator.getInstance("AES");
            kg.init(256, RANDOM);
            SecretKey dataKey = kg.generateKey();
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.WRAP_MODE, publicKey, oaep());
            byte[] wrapped = rsa.wrap(dataKey);
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);

            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.write(MAGIC);
            h.writeByte(VERSION);
            byte[] fp = fingerprint.getBytes(StandardCharsets.UTF_8);
            h.writeShort(fp.length);
            h.write(fp);
            h.writeShort(wrapped.length);
            h.write(wrapped);
            h.write(nonce);
            byte[] head = header.toByteArray();

            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
            aes.updateAAD(head);
            byte[] body = aes.doFinal(compressedPlain);
            byte[] out = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, out, head.length, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new RecordingException("cannot seal the recording: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decrypts and decompresses a sealed recording: the chunk stream (see the class comment), for {@link #chunks}
     * or {@link #output}.
     *
     * @throws RecordingException naming the problem: not a recording, sealed for another key, damaged
     */
    public static byte[] open(byte[] sealed, PrivateKey privateKey) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(privateKey, "privateKey");
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(sealed));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new RecordingException("not a Watchfloor terminal recording");
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new RecordingException("recording format version " + version + " is not supported (this "
                        + "Watchfloor reads version " + VERSION + ")");
            }
            String sealedFor = new String(readExactly(in, in.readUnsignedShort()), StandardCharsets.UTF_8);
            byte[] wrapped = readExactly(in, in.readUnsignedShort());
            byte[] nonce = readExactly(in, NONCE_BYTES);
            int headLength = sealed.length - in.available();

            PublicKey mine = RecordingKeys.publicOf(privateKey);
            if (mine != null && !RecordingKeys.fingerprint(mine).equals(sealedFor)) {
                throw new RecordingException("this recording was sealed for recording key " + sealedFor
                        + ", not for the given private key (" + RecordingKeys.fingerprint(mine) + ")");
            }
            SecretKey dataKey;
            try {
                Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
                rsa.init(Cipher.UNWRAP_MODE, privateKey, oaep());
                dataKey = (SecretKey) rsa.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
            } catch (GeneralSecurityException e) {
                throw new RecordingException("the given private key cannot open this recording (sealed for "
                        + sealedFor + ")", e);
            }
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey.getEncoded(), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            aes.updateAAD(sealed, 0, headLength);
            byte[] compressed;
            try {
                compressed = aes.doFinal(sealed, headLength, sealed.length - headLength);
            } catch (AEADBadTagException e) {
                throw new RecordingException("the recording is damaged or was changed (authentication failed)", e);
            }
            return inflate(compressed);
        } catch (EOFException e) {
            throw new RecordingException("the recording is truncated", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new RecordingException("cannot open the recording: " + e.getMessage(), e);
        }
    }

    /** The chunks of an opened recording, in order. */
    public static List<Chunk> chunks(byte[] opened) {
        List<Chunk> out = new ArrayList<>();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(opened));
        try {
            while (in.available() > 0) {
                long at = in.readLong();
                int len = in.readInt();
                out.add(new Chunk(at, readExactly(in, len)));
            }
        } catch (IOException e) {
            throw new RecordingException("the recording's chunk stream is damaged", e);
        }
        return out;
    }

    /** Everything the terminal printed, without timing. */
    public static byte[] output(byte[] opened) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Chunk c : chunks(opened)) {
            out.writeBytes(c.data());
        }
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] compressed) throws IOException {
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed), new Inflater())) {
            return in.readAllBytes();
        }
    }

    private static byte[] readExactly(DataInputStream in, int len) throws IOException {
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    private static OAEPParameterSpec oaep() {
        return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
    }
}
