package dev.chainrule.autodiff.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON needed by safetensors headers, and no more. {@link #parseObject} reads one RFC 8259 object of
 * objects, arrays, strings and non-negative integers into {@code LinkedHashMap<String, Object>},
 * {@code List<Object>}, {@code Long} and {@code String}; it rejects duplicate keys, {@code true}, {@code false},
 * {@code null}, fractions, exponents and negative numbers, none of which a valid header contains.
 * {@link #quote} writes a string literal.
 *
 * <p>The parser reads its {@link HeaderText} one character at a time and stops at the first that is wrong, so a
 * corrupted header is refused after a few characters whatever length it claims. Nesting is bounded by
 * {@link #MAX_DEPTH}, as in the reference implementation's JSON library ({@code serde_json}), so that a file of
 * brackets is a {@link TensorFileFormatException}, not a {@code StackOverflowError}; a valid header nests three
 * deep.
 */
final class Json {
  /** The most arrays and objects open at once: {@code serde_json}'s default recursion limit. */
  static final int MAX_DEPTH = 128;

  /** Keys and strings longer than this are cut short in error messages. */
  private static final int SHOWN_CHARS = 64;

  /** More digits than {@code Long.MAX_VALUE} has. */
  private static final int MAX_DIGITS = 20;

  private final HeaderText text;
  private int depth;

  private Json(HeaderText text) {
    this.text = text;
  }

  /**
   * Parses a header that is one JSON object, which may be surrounded by whitespace and nothing else.
   *
   * @throws TensorFileFormatException when it is not, naming the character where it went wrong
   */
  static Map<String, Object> parseObject(HeaderText text) throws IOException {
    Json json = new Json(text);
    json.skipWhitespace();
    if (text.peek() != '{') {
      throw new TensorFileFormatException(text.file(), "the header is not a JSON object: "
          + (text.peek() < 0 ? "it is empty" : "it starts with " + json.describe()));
    }
    Map<String, Object> value = json.object();
    json.skipWhitespace();
    if (text.peek() >= 0) {
      throw json.error("unexpected " + json.describe() + " after the JSON value");
    }
    return value;
  }

  /** Appends {@code s} as a JSON string literal, escaping quotes, backslashes and control characters. */
  static StringBuilder quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"');
  }

  /**
   * {@code s} for an error message: whole, or its first characters and "..." when it is too long, and with
   * control characters escaped ({@link HeaderText#printable}).
   */
  static String abbreviate(String s) {
    return HeaderText.printable(s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS - 3) + "...");
  }

  private Object value() throws IOException {
    skipWhitespace();
    int c = text.peek();
    if (c < 0) {
      throw error("unexpected end of the header, expected a value");
    } else if (c == '{') {
      return object();
    } else if (c == '[') {
      return array();
    } else if (c == '"') {
      return string();
    } else if (c >= '0' && c <= '9') {
      return integer();
    }
    throw error("expected an object, array, string or non-negative integer but found " + describe());
  }

  private Map<String, Object> object() throws IOException {
    open();
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (!consume('}')) {
      do {
        skipWhitespace();
        int keyAt = text.position();
        if (text.peek() != '"') {
          throw error("expected a string key but found " + describe());
        }
        String key = string();
        skipWhitespace();
        expect(':');
        if (map.put(key, value()) != null) {
          throw error(keyAt, "duplicate key \"" + abbreviate(key) + "\"");
        }
        skipWhitespace();
      } while (consume(','));
      expect('}');
    }
    depth--;
    return map;
  }

  private List<Object> array() throws IOException {
    open();
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (!consume(']')) {
      do {
        list.add(value());
        skipWhitespace();
      } while (consume(','));
      expect(']');
    }
    depth--;
    return list;
  }

  /** Consumes the bracket that opens an array or object, refusing one nested deeper than the limit. */
  private void open() throws IOException {
    if (depth == MAX_DEPTH) {
      throw error("more than " + MAX_DEPTH + " nested arrays and objects");
    }
    depth++;
    text.next();
  }

  private String string() throws IOException {
    StringBuilder out = new StringBuilder();
    text.next();
    while (true) {
      int c = text.peek();
      if (c < 0) {
        throw error("unterminated string");
      } else if (c < 0x20) {
        throw error("control character U+" + String.format("%04X", c) + " inside a string");
      }
      text.next();
      if (c == '"') {
        return out.toString();
      }
      out.append(c == '\\' ? escape() : (char) c);
    }
  }

  private char escape() throws IOException {
    int c = text.peek();
    if (c < 0) {
      throw error("unterminated string");
    }
    char decoded = switch (c) {
      case '"', '\\', '/' -> (char) c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> 0;
      default -> throw error("invalid escape \\" + (char) c);
    };
    text.next();
    if (c != 'u') {
      return decoded;
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = text.peek() < 0 ? -1 : Character.digit(text.peek(), 16);
      if (digit < 0) {
        throw error("\\u must be followed by four hexadecimal digits");
      }
      code = code * 16 + digit;
      text.next();
    }
    return (char) code;
  }

  private Long integer() throws IOException {
    int start = text.position();
    StringBuilder digits = new StringBuilder();
    while (text.peek() >= '0' && text.peek() <= '9') {
      if (digits.length() == MAX_DIGITS) {
        throw error(start, "number " + digits + "... is too large");
      }
      digits.append((char) text.next());
    }
    int c = text.peek();
    if (c == '.' || c == 'e' || c == 'E') {
      throw error("expected a non-negative integer, not a fraction or exponent");
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw error(start, "leading zero in number " + digits);
    }
    try {
      return Long.parseLong(digits.toString());
    } catch (NumberFormatException e) {
      throw error(start, "number " + digits + " is too large");
    }
  }

  private void skipWhitespace() throws IOException {
    for (int c = text.peek(); c == ' ' || c == '\t' || c == '\n' || c == '\r'; c = text.peek()) {
      text.next();
    }
  }

  private boolean consume(char c) throws IOException {
    boolean found = text.peek() == c;
    if (found) {
      text.next();
    }
    return found;
  }

  private void expect(char c) throws IOException {
    if (!consume(c)) {
      throw error("expected '" + c + "' but found " + describe());
    }
  }

  /** The next character for a message: quoted when printable, U+XXXX when not, or the end of the header. */
  private String describe() throws IOException {
    int c = text.peek();
    if (c < 0) {
      return "the end of the header";
    }
    return Character.isISOControl(c) ? String.format("U+%04X", c) : "'" + (char) c + "'";
  }

  private TensorFileFormatException error(String problem) {
    return error(text.position(), problem);
  }

  private TensorFileFormatException error(int at, String problem) {
    return new TensorFileFormatException(text.file(), "invalid JSON header at character " + at + ": " + problem);
  }
}
