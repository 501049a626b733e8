package io.watchfloor.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded byte pipe fed by JSch's reader thread: a shell's output, and the bastion forward a jumped session reads.
 * Not JSch's own pipe: that one is a {@link java.io.PipedInputStream}, which breaks ("Read end dead") as soon as the
 * thread that last read it ends (a UI reads from whatever thread it likes), and which has no read timeout (a jumped
 * session needs one, for its connect timeout and its keepalives). A full buffer blocks the writer (back-pressure to
 * the server); closing the write side (JSch does so at EOF) makes reads return -1 once drained; closing the read side
 * discards output.
 */
final class BytePipe {
    private final byte[] buffer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private int start;
    private int size;
    private boolean writerClosed;
    private boolean readerClosed;
    /** A read waiting longer throws {@link SocketTimeoutException}, as a socket with SO_TIMEOUT does; 0 = forever. */
    private volatile long readTimeoutMillis;

    BytePipe(int capacity) {
        this.buffer = new byte[capacity];
    }

    void readTimeout(long millis) {
        readTimeoutMillis = millis;
    }

    final OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                while (len > 0) {
                    while (size == buffer.length && !readerClosed) {
                        writable.await();
                    }
                    if (readerClosed) {
                        return;
                    }
                    int end = (start + size) % buffer.length;
                    int n = Math.min(len, Math.min(buffer.length - size, buffer.length - end));
                    System.arraycopy(b, off, buffer, end, n);
                    size += n;
                    off += n;
                    len -= n;
                    readable.signalAll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                writerClosed = true;
                readable.signalAll();
            } finally {
                lock.unlock();
            }
        }
    };

    final InputStream source = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            lock.lock();
            try {
                long timeout = readTimeoutMillis;
                long left = TimeUnit.MILLISECONDS.toNanos(timeout);
                while (size == 0 && !writerClosed && !readerClosed) {
                    if (timeout <= 0) {
                        readable.await();
                    } else if (left <= 0) {
                        throw new SocketTimeoutException("no data for " + timeout + " ms");
                    } else {
                        left = readable.awaitNanos(left);
                    }
                }
                if (size == 0) {
                    return -1;
                }
                int n = Math.min(len, Math.min(size, buffer.length - start));
                System.arraycopy(buffer, start, b, off, n);
                start = (start + n) % buffer.length;
                size -= n;
                writable.signalAll();
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return size;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                readerClosed = true;
                size = 0;
                readable.signalAll();
                writable.signalAll();
            } finally {
                lock.unlock();
            }
        }
    };
}
