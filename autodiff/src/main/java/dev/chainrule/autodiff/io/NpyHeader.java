package dev.chainrule.autodiff.io;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Python-literal dictionary of an {@code .npy} header, such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}. {@link #format} writes it exactly as
 * NumPy's {@code format.write_array_header} does (keys sorted, then spare spaces for growing the first axis);
 * {@link #parse} reads any spacing, quoting and key order NumPy writes, and rejects everything chainrule
 * cannot load as it is.
 */
final class NpyHeader {
  /** NumPy's room for the first dimension to grow in place: {@code GROWTH_AXIS_MAX_DIGITS}. */
  private static final int GROWTH_DIGITS = 21;

  /** The parsed header: what to build and how many values follow. */
  record Parsed(DType dtype, Shape shape) {}

  private final Path file;
  private final String text;
  private int pos;

  private NpyHeader(Path file, String text) {
    this.file = file;
    this.text = text;
  }

  /** The dictionary and growth spaces, before the alignment padding and the final newline. */
  static String format(DType dtype, Shape shape) {
    String dict = "{'descr': '" + descr(dtype) + "', 'fortran_order': False, 'shape': " + shape + ", }";
    return shape.rank() == 0 ? dict : dict + " ".repeat(GROWTH_DIGITS - Integer.toString(shape.dim(0)).length());
  }

  static Parsed parse(Path file, String text) throws TensorFileFormatException {
    return new NpyHeader(file, text).parse();
  }

  private static String descr(DType dtype) {
    return dtype == DType.FLOAT64 ? "<f8" : "<f4";
  }

  private Parsed parse() throws TensorFileFormatException {
    DType dtype = null;
    Shape shape = null;
    Set<String> seen = new HashSet<>();
    expect('{');
    while (!consume('}')) {
      String key = string();
      if (!seen.add(key)) {
        throw error("duplicate key '" + key + "'");
      }
      expect(':');
      switch (key) {
        case "descr" -> dtype = dtype(string());
        case "fortran_order" -> fortranOrder();
        case "shape" -> shape = shape();
        default -> throw error("unexpected key '" + key + "'");
      }
      if (!consume(',')) {
        expect('}');
        break;
      }
    }
    skipWhitespace();
    if (pos < text.length()) {
      throw error("unexpected text after the dictionary: " + text.substring(pos).strip());
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
      case ">f4", ">f8" -> throw error("big-endian data ('" + descr + "') is not supported; re-save it with"
          + " arr.astype('" + descr.replace('>', '<') + "')");
      default -> throw error("dtype '" + descr + "' is not supported (chainrule reads '<f4' and '<f8')");
    };
  }

  private void fortranOrder() throws TensorFileFormatException {
    skipWhitespace();
    if (text.startsWith("True", pos)) {
      throw error("fortran_order True (column-major) is not supported; save a C-ordered array"
          + " (np.ascontiguousarray)");
    } else if (!text.startsWith("False", pos)) {
      throw error("fortran_order must be True or False");
    }
    pos += "False".length();
  }

  private Shape shape() throws TensorFileFormatException {
    expect('(');
    List<Integer> dims = new ArrayList<>();
    boolean trailingComma = false;
    while (!consume(')')) {
      dims.add(dimension());
      trailingComma = consume(',');
      if (!trailingComma) {
        expect(')');
        break;
      }
    }
    if (dims.size() == 1 && !trailingComma) {
      throw error("shape (" + dims.get(0) + ") is not a tuple; a 1-D shape is written (" + dims.get(0) + ",)");
    }
    int[] ints = new int[dims.size()];
    long size = 1;
    for (int i = 0; i < ints.length; i++) {
      ints[i] = dims.get(i);
      size *= ints[i];
      if (size > Integer.MAX_VALUE) {
        throw error("shape has more elements than a Java array can hold");
      }
    }
    return Shape.of(ints);
  }

  private int dimension() throws TensorFileFormatException {
    skipWhitespace();
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a non-negative integer dimension");
    }
    try {
      return Integer.parseInt(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw error("dimension " + text.substring(start, pos) + " is larger than a Java array can hold");
    }
  }

  private String string() throws TensorFileFormatException {
    skipWhitespace();
    char quote = pos < text.length() ? text.charAt(pos) : 0;
    if (quote != '\'' && quote != '"') {
      throw error("expected a quoted string");
    }
    int end = text.indexOf(quote, pos + 1);
    if (end < 0) {
      throw error("unterminated string");
    }
    String s = text.substring(pos + 1, end);
    pos = end + 1;
    return s;
  }

  private void skipWhitespace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean consume(char c) {
    skipWhitespace();
    boolean found = pos < text.length() && text.charAt(pos) == c;
    pos += found ? 1 : 0;
    return found;
  }

  private void expect(char c) throws TensorFileFormatException {
    if (!consume(c)) {
      throw error("expected '" + c + "' at character " + pos);
    }
  }

  private TensorFileFormatException error(String problem) {
    String header = text.strip();
    header = header.length() <= 120 ? header : header.substring(0, 117) + "...";
    return new TensorFileFormatException(file, "invalid .npy header " + header + ": " + problem);
  }
}
