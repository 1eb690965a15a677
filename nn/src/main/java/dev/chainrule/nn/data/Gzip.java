package dev.chainrule.nn.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip stream (RFC 1952) read strictly: one or more members, each one's CRC-32 and length checked against
 * its trailer, and nothing after the last. The JDK's {@code GZIPInputStream} silently ignores bytes after a
 * member that do not start another one, so a file with garbage appended read as valid. A stream that ends early
 * is an {@link java.io.EOFException}, anything else wrong a {@link ZipException}; neither names a file, which
 * the readers add ({@link DataFiles#failure}).
 */
final class Gzip extends InputStream {
  private static final int BUFFER = 1 << 16;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED_FLAGS = 0xE0;

  private final PushbackInputStream in;
  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] input = new byte[BUFFER];
  /** Bytes last handed to the inflater, of which it may leave some unconsumed at the end of a member. */
  private int inputLength;
  /** Uncompressed bytes of the current member. */
  private long memberBytes;
  private int members;
  private boolean finished;

  private Gzip(InputStream in) throws IOException {
    this.in = new PushbackInputStream(in, BUFFER);
    readHeader();
  }

  /** {@code in}, decompressed when it starts with the gzip magic bytes {@code 1f 8b} (whatever its name says). */
  static InputStream maybeDecompress(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    buffered.mark(2);
    int first = buffered.read();
    int second = buffered.read();
    buffered.reset();
    return first == 0x1f && second == 0x8b ? new Gzip(buffered) : buffered;
  }

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
    while (!finished) {
      int n;
      try {
        n = inflater.inflate(b, off, len);
      } catch (DataFormatException e) {
        throw new ZipException("invalid deflate data in gzip member " + (members + 1) + " (" + e.getMessage() + ")");
      }
      if (n > 0) {
        crc.update(b, off, n);
        memberBytes += n;
        return n;
      } else if (inflater.finished()) {
        endMember();
      } else if (inflater.needsDictionary()) {
        throw new ZipException("gzip member " + (members + 1) + " asks for a preset dictionary, which gzip has not");
      } else if (inflater.needsInput()) {
        inputLength = in.read(input, 0, input.length);
        if (inputLength < 0) {
          throw new EOFException("the gzip stream ends inside the compressed data of member " + (members + 1));
        }
        inflater.setInput(input, 0, inputLength);
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    inflater.end();
    in.close();
  }

  /** Checks the trailer of the member just inflated; then either the stream ends or another member starts. */
  private void endMember() throws IOException {
    int unused = inflater.getRemaining();
    if (unused > 0) {
      in.unread(input, inputLength - unused, unused);
    }
    members++;
    long expectedCrc = readTrailerInt("CRC-32");
    long expectedSize = readTrailerInt("length");
    if (expectedCrc != crc.getValue()) {
      throw new ZipException(String.format("gzip member %d: CRC-32 of the data is %08x, the trailer says %08x",
          members, crc.getValue(), expectedCrc));
    }
    if (expectedSize != (memberBytes & 0xFFFFFFFFL)) {
      throw new ZipException("gzip member " + members + ": " + memberBytes + " bytes inflated, the trailer says "
          + expectedSize + " (modulo 2^32)");
    }
    int first = in.read();
    if (first < 0) {
      finished = true;
      return;
    }
    int second = in.read();
    if (first != 0x1f || second != 0x8b) {
      throw new ZipException(String.format("bytes after the end of the gzip stream (%d member%s): expected the"
          + " end of the file or another gzip member (1f 8b), found %02x%s", members, members == 1 ? "" : "s",
          first, second < 0 ? " and the end of the file" : String.format(" %02x", second)));
    }
    in.unread(new byte[] {(byte) first, (byte) second});
    inflater.reset();
    crc.reset();
    memberBytes = 0;
    readHeader();
  }

  /**
   * Reads a member header (magic, method, flags and the optional fields they announce); the caller has seen
   * that it starts with the magic bytes.
   */
  private void readHeader() throws IOException {
    CRC32 headerCrc = new CRC32();
    headerByte(headerCrc); // the magic bytes 1f 8b, already seen
    headerByte(headerCrc);
    int method = headerByte(headerCrc);
    if (method != 8) {
      throw new ZipException("gzip member " + (members + 1) + ": compression method " + method
          + " is not deflate (8)");
    }
    int flags = headerByte(headerCrc);
    if ((flags & RESERVED_FLAGS) != 0) {
      throw new ZipException(String.format("gzip member %d: reserved flag bits set (flags %02x)", members + 1,
          flags));
    }
    for (int i = 0; i < 6; i++) { // modification time, extra flags, operating system
      headerByte(headerCrc);
    }
    if ((flags & FEXTRA) != 0) {
      int length = headerByte(headerCrc) | headerByte(headerCrc) << 8;
      for (int i = 0; i < length; i++) {
        headerByte(headerCrc);
      }
    }
    for (int field : new int[] {FNAME, FCOMMENT}) {
      if ((flags & field) != 0) {
        while (headerByte(headerCrc) != 0) {
          // a zero-terminated file name or comment
        }
      }
    }
    if ((flags & FHCRC) != 0) {
      int expected = (int) (headerCrc.getValue() & 0xFFFF);
      int found = headerByte(null) | headerByte(null) << 8;
      if (found != expected) {
        throw new ZipException(String.format("gzip member %d: header CRC %04x, expected %04x", members + 1, found,
            expected));
      }
    }
  }

  private int headerByte(CRC32 headerCrc) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the gzip stream ends inside the header of member " + (members + 1));
    }
    if (headerCrc != null) {
      headerCrc.update(b);
    }
    return b;
  }

  private long readTrailerInt(String what) throws IOException {
    long value = 0;
    for (int i = 0; i < 4; i++) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the gzip stream ends inside the " + what + " of member " + members + "'s trailer");
      }
      value |= (long) b << (8 * i);
    }
    return value;
  }
}
