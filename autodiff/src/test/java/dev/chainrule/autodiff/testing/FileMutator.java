package dev.chainrule.autodiff.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Damages a valid file the ways that find reader bugs: truncation, bit flips, an interesting byte, an
 * interesting integer written over a binary field (in either byte order), and edits of the tokens of a text
 * header (delete, duplicate, swap, or replace a number, string, word or bracket by a hostile one: huge or
 * negative numbers, deep nesting, wrong literals). Each mutant carries a description for the failure message,
 * so that a failing case can be read off and rebuilt from its seed.
 *
 * <p>The caller says where the text header lies ({@code [headerStart, headerEnd)}, empty for a binary format)
 * and how long the binary fields at the start of the file are ({@code fieldBytes}, where integer fields are
 * overwritten). A token edit changes the header's length, which {@link Mutant#headerGrowth} reports, so a test
 * can also write the new length into the file's length field and get past it to the parser.
 */
public final class FileMutator {
  private static final byte[] BYTES = {0, (byte) 0xFF, 0x7F, (byte) 0x80, '{', '}', '[', ']', '(', ')', '"', '\'',
      ',', ':', '0', '9', ' ', '\n', '\\', '-', 'e', '.', (byte) 0xC3, (byte) 0xEF};
  private static final long[] INTEGERS = {0, 1, 2, 3, 7, 8, -1, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFF_FFFFL,
      0xFFFF_FFFFL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 100_000_000, 100_000_001};
  private static final String[] TOKENS = {"0", "1", "-1", "00", "1.5", "1e3", "2147483647", "2147483648",
      "4294967296", "65536", "9223372036854775807", "18446744073709551616", "99999999999999999999999999",
      "true", "false", "null", "True", "False", "\"\"", "''", "[]", "{}", "()", "(1)", "(1,)", "\"F64\"",
      "\"F16\"", "'<f8'", "'>f4'", "\"__metadata__\"", "\"dtype\"", "\"shape\"", "'shape'", "\"\\u0000\"",
      "\"\\ud800\"", "\"\\x\"", "[".repeat(300), "{\"a\":".repeat(200), "(".repeat(300), " ", ",", ":"};

  private final int headerStart;
  private final int headerEnd;
  private final int fieldBytes;

  /** A damaged copy of a file and what was done to it. */
  public record Mutant(byte[] bytes, String description, int headerGrowth) {}

  public FileMutator(int headerStart, int headerEnd, int fieldBytes) {
    this.headerStart = headerStart;
    this.headerEnd = headerEnd;
    this.fieldBytes = fieldBytes;
  }

  /** One random mutant of {@code file}. */
  public Mutant mutate(byte[] file, SplittableRandom random) {
    int kind = random.nextInt(headerEnd > headerStart ? 6 : 4);
    return switch (kind) {
      case 0 -> truncate(file, random);
      case 1 -> flipBits(file, random);
      case 2 -> setByte(file, random);
      case 3 -> setInteger(file, random);
      default -> editToken(file, random);
    };
  }

  private static Mutant truncate(byte[] file, SplittableRandom random) {
    int length = random.nextInt(file.length);
    return new Mutant(Arrays.copyOf(file, length), "truncated to " + length + " of " + file.length + " bytes", 0);
  }

  private Mutant flipBits(byte[] file, SplittableRandom random) {
    byte[] bytes = file.clone();
    StringBuilder what = new StringBuilder("flipped");
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      int at = position(file.length, random);
      int bit = random.nextInt(8);
      bytes[at] ^= (byte) (1 << bit);
      what.append(" bit ").append(bit).append(" of byte ").append(at);
    }
    return new Mutant(bytes, what.toString(), 0);
  }

  private Mutant setByte(byte[] file, SplittableRandom random) {
    byte[] bytes = file.clone();
    int at = position(file.length, random);
    bytes[at] = BYTES[random.nextInt(BYTES.length)];
    return new Mutant(bytes, String.format("byte %d set to %02x", at, bytes[at] & 0xff), 0);
  }

  private Mutant setInteger(byte[] file, SplittableRandom random) {
    byte[] bytes = file.clone();
    int width = new int[] {2, 4, 8}[random.nextInt(3)];
    int limit = Math.max(1, Math.min(fieldBytes, bytes.length) - width + 1);
    int at = random.nextInt(limit);
    long value = random.nextInt(4) == 0 ? file.length + random.nextInt(-2, 3) : INTEGERS[random.nextInt(
        INTEGERS.length)];
    boolean little = random.nextBoolean();
    for (int i = 0; i < width && at + i < bytes.length; i++) {
      int shift = 8 * (little ? i : width - 1 - i);
      bytes[at + i] = (byte) (value >>> shift);
    }
    return new Mutant(bytes, width + "-byte " + (little ? "little" : "big") + "-endian " + value + " written at "
        + at, 0);
  }

  private Mutant editToken(byte[] file, SplittableRandom random) {
    List<int[]> tokens = tokens(file);
    if (tokens.isEmpty()) {
      return flipBits(file, random);
    }
    int[] token = tokens.get(random.nextInt(tokens.size()));
    String text = new String(file, token[0], token[1] - token[0], StandardCharsets.ISO_8859_1);
    byte[] replacement;
    String what;
    switch (random.nextInt(4)) {
      case 0 -> {
        replacement = new byte[0];
        what = "deleted";
      }
      case 1 -> {
        int n = token[1] - token[0];
        replacement = new byte[2 * n];
        System.arraycopy(file, token[0], replacement, 0, n);
        System.arraycopy(file, token[0], replacement, n, n);
        what = "doubled";
      }
      case 2 -> {
        int[] other = tokens.get(random.nextInt(tokens.size()));
        replacement = Arrays.copyOfRange(file, other[0], other[1]);
        what = "replaced by the token at " + other[0];
      }
      default -> {
        String hostile = TOKENS[random.nextInt(TOKENS.length)];
        replacement = hostile.getBytes(StandardCharsets.UTF_8);
        what = "replaced by " + (hostile.length() > 12 ? hostile.substring(0, 9) + "..." : hostile);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(file, 0, token[0]);
    out.writeBytes(replacement);
    out.write(file, token[1], file.length - token[1]);
    return new Mutant(out.toByteArray(), "header token " + (text.length() > 12 ? text.substring(0, 9) + "..." : text)
        + " at " + token[0] + " " + what, replacement.length - (token[1] - token[0]));
  }

  /** The header's tokens as {@code [start, end)}: runs of digits, of letters, quoted strings, single others. */
  private List<int[]> tokens(byte[] file) {
    List<int[]> tokens = new ArrayList<>();
    int end = Math.min(headerEnd, file.length);
    for (int i = headerStart; i < end; ) {
      int c = file[i];
      int j = i + 1;
      if (Character.isDigit(c) || Character.isLetter(c)) {
        boolean digits = Character.isDigit(c);
        while (j < end && (digits ? Character.isDigit(file[j]) : Character.isLetter(file[j]))) {
          j++;
        }
      } else if (c == '"' || c == '\'') {
        while (j < end && file[j] != c) {
          j++;
        }
        j = Math.min(end, j + 1);
      } else if (c == ' ' || c == '\n') {
        i = j;
        continue;
      }
      tokens.add(new int[] {i, j});
      i = j;
    }
    return tokens;
  }

  /** Half the time in the header (where the parsing is), else anywhere. */
  private int position(int length, SplittableRandom random) {
    int end = Math.min(headerEnd, length);
    return random.nextBoolean() && end > headerStart ? random.nextInt(headerStart, end) : random.nextInt(length);
  }
}
