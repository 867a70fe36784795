package io.corral.model.checkpoint;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The small part of the POSIX ustar format a checkpoint archive needs: directories and
 * regular files with names under 100 bytes. The reader returns every header as it is, so
 * the importer can refuse links, devices and unsafe names itself.
 */
final class Ustar {
    static final int BLOCK = 512;

    /** One archive member as its header describes it. */
    record Header(String name, char type, long size, String linkName) {
        boolean isFile() {
            return type == '0' || type == '\0';
        }

        boolean isDirectory() {
            return type == '5';
        }
    }

    private Ustar() {
    }

    static void writeHeader(OutputStream out, String name, char type, long size, long mtimeSeconds) throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length >= 100) {
            throw new IOException("name too long for ustar: " + name);
        }
        System.arraycopy(n, 0, h, 0, n.length);
        octal(h, 100, 8, type == '5' ? 0755 : 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtimeSeconds);
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        out.write(h);
    }

    /** Pads file data to a whole block. */
    static void pad(OutputStream out, long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    static void finish(OutputStream out) throws IOException {
        out.write(new byte[2 * BLOCK]);
    }

    /** The next header, or empty at the end-of-archive block. */
    static Optional<Header> readHeader(InputStream in) throws IOException {
        byte[] h = in.readNBytes(BLOCK);
        if (h.length == 0) {
            return Optional.empty();
        }
        if (h.length < BLOCK) {
            throw new EOFException("archive ends inside a header");
        }
        boolean zero = true;
        for (byte b : h) {
            zero &= b == 0;
        }
        if (zero) {
            return Optional.empty();
        }
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        if (sum != parseOctal(h, 148, 8)) {
            throw new IOException("archive header checksum mismatch (not a tar archive, or damaged)");
        }
        String name = string(h, 0, 100);
        String prefix = string(h, 345, 155);
        if (!prefix.isEmpty()) {
            name = prefix + "/" + name;
        }
        return Optional.of(new Header(name, (char) h[156], parseOctal(h, 124, 12), string(h, 157, 100)));
    }

    /** Skips the padding after {@code size} bytes of member data. */
    static void skipPad(InputStream in, long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            in.readNBytes(BLOCK - rest);
        }
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = Long.toOctalString(v);
        String padded = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
        byte[] b = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, Math.min(b.length, len - 1));
        h[off + len - 1] = 0;
    }

    private static long parseOctal(byte[] h, int off, int len) throws IOException {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int c = h[i] & 0xff;
            if (c == 0 || c == ' ') {
                if (v != 0 || i > off) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw new IOException("bad number in archive header");
            }
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }
}
