package io.watchfloor.access.jit;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;

/** The SSH wire encoding (RFC 4251 section 5): uint32, uint64, string, mpint. Certificates and the agent use it. */
final class SshWire {
    private SshWire() {
    }

    /** Builds a wire message. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer uint32(long v) {
            out.write((int) (v >>> 24));
            out.write((int) (v >>> 16));
            out.write((int) (v >>> 8));
            out.write((int) v);
            return this;
        }

        Writer uint64(long v) {
            uint32(v >>> 32);
            return uint32(v & 0xffffffffL);
        }

        Writer byte1(int b) {
            out.write(b);
            return this;
        }

        Writer string(byte[] bytes) {
            uint32(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        Writer string(String text) {
            return string(text.getBytes(StandardCharsets.UTF_8));
        }

        Writer mpint(BigInteger v) {
            return string(v.toByteArray());
        }

        Writer raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Reads a wire message; any truncation is an {@link IllegalArgumentException} naming what was being read. */
    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] bytes) {
            this.in = ByteBuffer.wrap(bytes);
        }

        int position() {
            return in.position();
        }

        boolean hasMore() {
            return in.hasRemaining();
        }

        long uint32() {
            try {
                return in.getInt() & 0xffffffffL;
            } catch (BufferUnderflowException e) {
                throw new IllegalArgumentException("truncated: expected a uint32 at byte " + in.position());
            }
        }

        long uint64() {
            try {
                return in.getLong();
            } catch (BufferUnderflowException e) {
                throw new IllegalArgumentException("truncated: expected a uint64 at byte " + in.position());
            }
        }

        byte[] string() {
            long len = uint32();
            if (len > in.remaining()) {
                throw new IllegalArgumentException("truncated: a string of " + len + " bytes at byte "
                        + (in.position() - 4) + " runs past the end");
            }
            byte[] b = new byte[(int) len];
            in.get(b);
            return b;
        }

        String text() {
            return new String(string(), StandardCharsets.UTF_8);
        }

        BigInteger mpint() {
            return new BigInteger(string());
        }
    }
}
