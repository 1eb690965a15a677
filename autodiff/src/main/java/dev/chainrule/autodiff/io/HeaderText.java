package dev.chainrule.autodiff.io;

import com.google.common.io.ByteStreams;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * The characters of a file's text header, decoded on demand from the next {@code length} bytes of a channel
 * through a fixed buffer. A parser that meets a bad character stops there, so a corrupted length field that
 * claims a header of many megabytes costs one buffer, not the claimed length: what is allocated grows with
 * what is parsed, never with what the file claims.
 *
 * <p>The decoder reports malformed input; it becomes a {@link TensorFileFormatException} with the message given
 * at construction. The first {@link #PREVIEW} characters are kept for error messages ({@link #preview}).
 */
final class HeaderText {
  /** How many characters of the header are kept for {@link #preview}. */
  static final int PREVIEW = 256;

  private static final int BUFFER_CHARS = 8192;

  private final Path file;
  private final Reader in;
  private final String malformed;
  private final char[] buffer = new char[BUFFER_CHARS];
  private final StringBuilder head = new StringBuilder();
  /** {@code buffer[start, end)} has been decoded but not consumed. */
  private int start;
  private int end;
  private int position;
  /** How many characters have been decoded in all. */
  private long decoded;
  private boolean ended;

  private HeaderText(Path file, Reader in, String malformed) {
    this.file = file;
    this.in = in;
    this.malformed = malformed;
  }

  /**
   * The next {@code length} bytes of {@code channel}, decoded as {@code charset}; a byte sequence that is not
   * valid in it is a {@link TensorFileFormatException} saying {@code malformed}. The channel's position is
   * undefined afterwards (the decoder reads ahead within the {@code length} bytes).
   */
  static HeaderText of(Path file, FileChannel channel, long length, Charset charset, String malformed) {
    Reader reader = new InputStreamReader(ByteStreams.limit(Channels.newInputStream(channel), length),
        charset.newDecoder());
    return new HeaderText(file, reader, malformed);
  }

  /** The file the header belongs to, for error messages. */
  Path file() {
    return file;
  }

  /** How many characters have been consumed: the index of the next one. */
  int position() {
    return position;
  }

  /** The next character without consuming it, or -1 at the end of the header. */
  int peek() throws IOException {
    while (start == end) {
      if (!fill()) {
        return -1;
      }
    }
    return buffer[start];
  }

  /** Consumes and returns the next character, or returns -1 at the end of the header. */
  int next() throws IOException {
    int c = peek();
    if (c >= 0) {
      start++;
      position++;
    }
    return c;
  }

  /**
   * The header for an error message: stripped of surrounding whitespace and, when longer than {@code max}
   * characters (or longer than {@link #PREVIEW}, which is all that is kept), cut to {@code max - 3} followed by
   * "...". It decodes ahead as needed; a decoding or read failure just ends the preview there.
   */
  String preview(int max) {
    try {
      while (!ended && (head.length() < PREVIEW || decoded == head.length())) {
        fill();
      }
    } catch (IOException e) {
      // the preview stops where the header became unreadable
    }
    boolean whole = ended && decoded == head.length();
    String text = whole ? head.toString().strip() : head.toString().stripLeading();
    return printable(whole && text.length() <= max ? text : text.substring(0, Math.min(text.length(), max - 3))
        + "...");
  }

  /**
   * {@code s} with every control character written as {@code \\uXXXX}, so that an error message quoting a
   * damaged header stays on one line and cannot send escape sequences to a terminal.
   */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Decodes more characters after the unconsumed ones; false at the end of the header. While fewer than
   * {@link #PREVIEW} characters have been read there are fewer than that unconsumed, so the buffer has room.
   */
  private boolean fill() throws IOException {
    if (ended) {
      return false;
    }
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      return true; // full of unconsumed characters: only preview() can ask, and it then has its characters
    }
    int n;
    try {
      n = in.read(buffer, end, buffer.length - end);
    } catch (CharacterCodingException e) {
      ended = true;
      throw new TensorFileFormatException(file, malformed);
    }
    if (n < 0) {
      ended = true;
      return false;
    }
    head.append(buffer, end, Math.min(n, Math.max(0, PREVIEW - head.length())));
    end += n;
    decoded += n;
    return true;
  }
}
