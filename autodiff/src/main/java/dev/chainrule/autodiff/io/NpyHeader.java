package dev.chainrule.autodiff.io;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The Python-literal dictionary of an {@code .npy} header, such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}. {@link #format} writes it exactly as
 * NumPy's {@code format.write_array_header} does (keys sorted, then spare spaces for growing the first axis);
 * {@link #parse} reads any spacing, quoting and key order NumPy writes, and rejects everything chainrule
 * cannot load as it is. The grammar has no nesting (a dictionary of strings, a word and one tuple of integers),
 * so the parser does not recurse; it reads the header character by character and every token is bounded, so a
 * corrupted header costs no more memory than the characters before its first wrong one.
 */
final class NpyHeader {
  /** NumPy's room for the first dimension to grow in place: {@code GROWTH_AXIS_MAX_DIGITS}. */
  private static final int GROWTH_DIGITS = 21;

  /** The parsed header: what to build and how many values follow. */
  record Parsed(DType dtype, Shape shape) {}

  /** Longer strings are refused: a key or a dtype is a few characters. */
  private static final int MAX_STRING = 64;

  /** Digits of {@code Integer.MAX_VALUE}. */
  private static final int MAX_DIGITS = 10;

  /** How much of the header an error message shows. */
  private static final int SHOWN_CHARS = 120;

  private final HeaderText text;

  private NpyHeader(HeaderText text) {
    this.text = text;
  }

  /** The dictionary and growth spaces, before the alignment padding and the final newline. */
  static String format(DType dtype, Shape shape) {
    String dict = "{'descr': '" + descr(dtype) + "', 'fortran_order': False, 'shape': " + shape + ", }";
    return shape.rank() == 0 ? dict : dict + " ".repeat(GROWTH_DIGITS - Integer.toString(shape.dim(0)).length());
  }

  /**
   * Parses the header as it is decoded, stopping at the first character that is wrong.
   *
   * @throws TensorFileFormatException naming the problem, with the start of the header
   */
  static Parsed parse(HeaderText text) throws IOException {
    return new NpyHeader(text).parse();
  }

  private static String descr(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> "<f4";
      case FLOAT64 -> "<f8";
      case INT64 -> "<i8";
      case BOOL -> "|b1";
    };
  }

  private Parsed parse() throws IOException {
    DType dtype = null;
    Shape shape = null;
    Set<String> seen = new HashSet<>();
    expect('{');
    while (!consume('}')) {
      String key = string();
      if (!seen.add(key)) {
        throw error("duplicate key '" + HeaderText.printable(key) + "'");
      }
      expect(':');
      switch (key) {
        case "descr" -> dtype = dtype(string());
        case "fortran_order" -> fortranOrder();
        case "shape" -> shape = shape();
        default -> throw error("unexpected key '" + HeaderText.printable(key) + "'");
      }
      if (!consume(',')) {
        expect('}');
        break;
      }
    }
    skipWhitespace();
    if (text.peek() >= 0) {
      StringBuilder rest = new StringBuilder();
      while (rest.length() <= SHOWN_CHARS && text.peek() >= 0) {
        rest.append((char) text.next());
      }
      String shown = HeaderText.printable(rest.toString().strip());
      throw error("unexpected text after the dictionary: "
          + (rest.length() > SHOWN_CHARS ? shown.substring(0, Math.min(shown.length(), SHOWN_CHARS)) + "..." : shown));
    }
    if (!seen.containsAll(Set.of("descr", "fortran_order", "shape"))) {
      throw error("the header must have 'descr', 'fortran_order' and 'shape'");
    }
    return new Parsed(dtype, shape);
  }

  private DType dtype(String descr) throws TensorFileFormatException {
    return switch (descr) {
      case "<f4" -> DType.FLOAT32;
      case "<f8" -> DType.FLOAT64;
      case "<i8" -> DType.INT64;
      case "|b1" -> DType.BOOL;
      case ">f4", ">f8", ">i8" -> throw error("big-endian data ('" + descr + "') is not supported; re-save it with"
          + " arr.astype('" + descr.replace('>', '<') + "')");
      default -> throw error("dtype '" + HeaderText.printable(descr) + "' is not supported (chainrule reads '<f4',"
          + " '<f8', '<i8' and '|b1')");
    };
  }

  private void fortranOrder() throws IOException {
    skipWhitespace();
    StringBuilder word = new StringBuilder();
    while (word.length() < "False".length() && Character.isLetter(text.peek())) {
      word.append((char) text.next());
    }
    if (word.toString().equals("True")) {
      throw error("fortran_order True (column-major) is not supported; save a C-ordered array"
          + " (np.ascontiguousarray)");
    } else if (!word.toString().equals("False")) {
      throw error("fortran_order must be True or False");
    }
  }

  private Shape shape() throws IOException {
    expect('(');
    int[] dims = new int[4];
    int rank = 0;
    boolean trailingComma = false;
    while (!consume(')')) {
      if (rank == dims.length) {
        dims = Arrays.copyOf(dims, 2 * rank);
      }
      dims[rank++] = dimension();
      trailingComma = consume(',');
      if (!trailingComma) {
        expect(')');
        break;
      }
    }
    if (rank == 1 && !trailingComma) {
      throw error("shape (" + dims[0] + ") is not a tuple; a 1-D shape is written (" + dims[0] + ",)");
    }
    long size = 1;
    for (int i = 0; i < rank; i++) {
      size *= dims[i];
      if (size > Integer.MAX_VALUE) {
        throw error("shape has more elements than a Java array can hold");
      }
    }
    return Shape.of(Arrays.copyOf(dims, rank));
  }

  private int dimension() throws IOException {
    skipWhitespace();
    StringBuilder digits = new StringBuilder();
    while (digits.length() <= MAX_DIGITS && text.peek() >= '0' && text.peek() <= '9') {
      digits.append((char) text.next());
    }
    if (digits.length() == 0) {
      throw error("expected a non-negative integer dimension");
    }
    long value = digits.length() > MAX_DIGITS ? Long.MAX_VALUE : Long.parseLong(digits.toString());
    if (value > Integer.MAX_VALUE) {
      throw error("dimension " + digits + (digits.length() > MAX_DIGITS ? "..." : "")
          + " is larger than a Java array can hold");
    }
    return (int) value;
  }

  private String string() throws IOException {
    skipWhitespace();
    int quote = text.peek();
    if (quote != '\'' && quote != '"') {
      throw error("expected a quoted string");
    }
    text.next();
    StringBuilder s = new StringBuilder();
    for (int c = text.next(); c != quote; c = text.next()) {
      if (c < 0) {
        throw error("unterminated string");
      } else if (s.length() == MAX_STRING) {
        throw error("string '" + HeaderText.printable(s.toString()) + "...' is longer than " + MAX_STRING
            + " characters");
      }
      s.append((char) c);
    }
    return s.toString();
  }

  private void skipWhitespace() throws IOException {
    while (Character.isWhitespace(text.peek())) {
      text.next();
    }
  }

  private boolean consume(char c) throws IOException {
    skipWhitespace();
    boolean found = text.peek() == c;
    if (found) {
      text.next();
    }
    return found;
  }

  private void expect(char c) throws IOException {
    if (!consume(c)) {
      throw error("expected '" + c + "' at character " + text.position());
    }
  }

  private TensorFileFormatException error(String problem) {
    return new TensorFileFormatException(text.file(), "invalid .npy header " + text.preview(SHOWN_CHARS) + ": "
        + problem);
  }
}
