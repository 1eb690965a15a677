package dev.chainrule.nn.data;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text, split as {@link java.io.BufferedReader#readLine} splits them (at {@code \n}, {@code \r\n}
 * or {@code \r}), with a leading UTF-8 byte-order mark dropped and each line bounded: a line longer than the
 * limit is a {@link DataFileFormatException} as soon as the limit is passed, so a file without line breaks is
 * refused without being held in memory.
 */
final class CsvLines {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final Reader in;
  private final String source;
  private final int maxLength;
  private final char[] buffer = new char[8192];
  private final StringBuilder line = new StringBuilder();
  private int start;
  private int end;
  private int number;
  private boolean first = true;

  CsvLines(Reader in, String source, int maxLength) {
    this.in = in;
    this.source = source;
    this.maxLength = maxLength;
  }

  /** The number of the line last returned, from 1. */
  int number() {
    return number;
  }

  /** The next line without its terminator, or null at the end of the text. */
  String next() throws IOException {
    line.setLength(0);
    int c = read();
    if (first && c == BYTE_ORDER_MARK) {
      c = read();
    }
    first = false;
    if (c < 0) {
      return null;
    }
    number++;
    while (c >= 0 && c != '\n' && c != '\r') {
      if (line.length() == maxLength) {
        throw new DataFileFormatException(source, source + " line " + number + ": longer than the limit of "
            + maxLength + " characters (CsvReader.Builder.maxLineLength)");
      }
      line.append((char) c);
      c = read();
    }
    if (c == '\r' && peek() == '\n') {
      read();
    }
    return line.toString();
  }

  private int peek() throws IOException {
    if (start == end) {
      end = in.read(buffer, 0, buffer.length);
      start = 0;
      if (end <= 0) {
        end = 0;
        return -1;
      }
    }
    return buffer[start];
  }

  private int read() throws IOException {
    int c = peek();
    if (c >= 0) {
      start++;
    }
    return c;
  }
}
