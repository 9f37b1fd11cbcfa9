package cn.zhengyin.licence.bulkimport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads UTF-8 lines (LF or CRLF) from a stream one at a time, never holding more than {@code maxBytes} of a line: a
 * longer line is skipped to its end and reported as {@link TooLong}. A byte-order mark at the start is dropped.
 */
final class BoundedLineReader {
    /** One physical line, numbered from 1. */
    sealed interface Line permits Text, TooLong, Undecodable {
        long number();
    }

    record Text(long number, String text) implements Line {}

    record TooLong(long number, long bytes) implements Line {}

    record Undecodable(long number) implements Line {}

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[16 * 1024];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[1024];
    private int pos;
    private int limit;
    private long number;
    private boolean eof;

    BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    Optional<Line> next() throws IOException {
        int length = 0;
        long total = 0;
        boolean sawAny = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (!sawAny) {
                        return Optional.empty();
                    }
                    break;
                }
            }
            sawAny = true;
            byte b = buffer[pos++];
            if (b == '\n') {
                break;
            }
            total++;
            if (total <= maxBytes + 1L) { // keep one byte more than allowed: a trailing CR may still be dropped
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(line.length * 2, maxBytes + 1));
                }
                line[length++] = b;
            }
        }
        number++;
        if (length > 0 && total <= maxBytes + 1L && line[length - 1] == '\r') {
            length--;
            total--;
        }
        if (total > maxBytes) {
            return Optional.of(new TooLong(number, total));
        }
        int start =
                number == 1 && length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF
                        ? 3
                        : 0;
        try {
            return Optional.of(new Text(
                    number,
                    decoder.decode(ByteBuffer.wrap(line, start, length - start)).toString()));
        } catch (CharacterCodingException e) {
            return Optional.of(new Undecodable(number));
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
