package dev.chainrule.nn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens a stream as gzip when it starts with the gzip magic bytes {@code 1f 8b}, whatever its name says. */
final class Gzip {
  private static final int BUFFER = 1 << 16;

  private Gzip() {}

  /** {@code in}, decompressed if it is gzip, buffered either way. */
  static InputStream maybeDecompress(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    boolean gzip = first == 0x1f && second == 0x8b;
    return gzip ? new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER) : buffered;
  }
}
