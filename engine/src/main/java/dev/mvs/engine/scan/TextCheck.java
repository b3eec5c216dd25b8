package dev.mvs.engine.scan;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Tells text from everything else: git's binary heuristic (a NUL byte near the start) and a strict
 * UTF-8 decode. Strict because {@code new String(bytes, UTF_8)} silently turns bad bytes into U+FFFD,
 * and an index of such text would neither match what is on disk nor round-trip. One instance per walk:
 * a {@link CharsetDecoder} is stateful.
 */
final class TextCheck {

    /** How far to look for a NUL byte: 8 KiB, about what git probes (8,000 bytes) before calling a file binary. */
    static final int BINARY_PROBE_BYTES = 8_192;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // Decoded characters are thrown away; a small reused buffer keeps validation allocation-free.
    private final CharBuffer scratch = CharBuffer.allocate(8_192);

    /** Offset of the first NUL byte within the probe window, or -1. */
    static int firstNul(byte[] bytes) {
        int end = Math.min(bytes.length, BINARY_PROBE_BYTES);
        for (int i = 0; i < end; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Byte offset of the first malformed UTF-8 sequence (a truncated one at the end included), or -1 when all is valid. */
    int firstInvalidUtf8(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        decoder.reset();
        while (true) {
            scratch.clear();
            CoderResult result = decoder.decode(in, scratch, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                scratch.clear();
                return decoder.flush(scratch).isError() ? in.position() : -1;
            }
            // overflow: the scratch buffer is full; empty it and go on
        }
    }
}
