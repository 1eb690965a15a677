package dev.chainrule.autodiff.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON needed by safetensors headers, and no more. {@link #parse} reads RFC 8259 objects, arrays, strings
 * and non-negative integers into {@code LinkedHashMap<String, Object>}, {@code List<Object>}, {@code Long} and
 * {@code String}; it rejects duplicate keys, {@code true}, {@code false}, {@code null}, fractions, exponents and
 * negative numbers, none of which a valid header contains. {@link #quote} writes a string literal.
 */
final class Json {
  private final Path file;
  private final String text;
  private int pos;

  private Json(Path file, String text) {
    this.file = file;
    this.text = text;
  }

  /** Parses one JSON value that may be surrounded by whitespace and nothing else. */
  static Object parse(Path file, String text) throws TensorFileFormatException {
    Json json = new Json(file, text);
    Object value = json.value();
    json.skipWhitespace();
    if (json.pos < text.length()) {
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

  private Object value() throws TensorFileFormatException {
    skipWhitespace();
    if (pos == text.length()) {
      throw error("unexpected end of the header, expected a value");
    }
    char c = text.charAt(pos);
    if (c == '{') {
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

  private Map<String, Object> object() throws TensorFileFormatException {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipWhitespace();
    if (consume('}')) {
      return map;
    }
    do {
      skipWhitespace();
      int keyAt = pos;
      if (!at('"')) {
        throw error("expected a string key but found " + describe());
      }
      String key = string();
      skipWhitespace();
      expect(':');
      if (map.put(key, value()) != null) {
        pos = keyAt;
        throw error("duplicate key " + quote(new StringBuilder(), key));
      }
      skipWhitespace();
    } while (consume(','));
    expect('}');
    return map;
  }

  private List<Object> array() throws TensorFileFormatException {
    List<Object> list = new ArrayList<>();
    pos++;
    skipWhitespace();
    if (consume(']')) {
      return list;
    }
    do {
      list.add(value());
      skipWhitespace();
    } while (consume(','));
    expect(']');
    return list;
  }

  private String string() throws TensorFileFormatException {
    StringBuilder out = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      } else if (c < 0x20) {
        pos--;
        throw error("control character U+" + String.format("%04X", (int) c) + " inside a string");
      } else if (c != '\\') {
        out.append(c);
      } else {
        out.append(escape());
      }
    }
  }

  private char escape() throws TensorFileFormatException {
    if (pos >= text.length()) {
      throw error("unterminated string");
    }
    char c = text.charAt(pos++);
    switch (c) {
      case '"', '\\', '/' -> {
        return c;
      }
      case 'b' -> {
        return '\b';
      }
      case 'f' -> {
        return '\f';
      }
      case 'n' -> {
        return '\n';
      }
      case 'r' -> {
        return '\r';
      }
      case 't' -> {
        return '\t';
      }
      case 'u' -> {
        int code = 0;
        for (int i = 0; i < 4; i++) {
          int digit = pos < text.length() ? Character.digit(text.charAt(pos), 16) : -1;
          if (digit < 0) {
            throw error("\\u must be followed by four hexadecimal digits");
          }
          code = code * 16 + digit;
          pos++;
        }
        return (char) code;
      }
      default -> {
        pos--;
        throw error("invalid escape \\" + c);
      }
    }
  }

  private Long integer() throws TensorFileFormatException {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      throw error("expected a non-negative integer, not a fraction or exponent");
    }
    String digits = text.substring(start, pos);
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      pos = start;
      throw error("leading zero in number " + digits);
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("number " + digits + " is too large");
    }
  }

  private void skipWhitespace() {
    while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private boolean at(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private boolean consume(char c) {
    boolean found = at(c);
    pos += found ? 1 : 0;
    return found;
  }

  private void expect(char c) throws TensorFileFormatException {
    if (!consume(c)) {
      throw error("expected '" + c + "' but found " + describe());
    }
  }

  private String describe() {
    return pos >= text.length() ? "the end of the header" : "'" + text.charAt(pos) + "'";
  }

  private TensorFileFormatException error(String problem) {
    return new TensorFileFormatException(file, "invalid JSON header at character " + pos + ": " + problem);
  }
}
