package dev.chainrule.autodiff.dump;

/**
 * A minimal RFC 8259 syntax check for the tests: objects, arrays, strings, numbers, {@code true}, {@code false}
 * and {@code null}. Throws {@link IllegalArgumentException} at the first error.
 */
final class JsonSyntax {
  private final String s;
  private int pos;

  private JsonSyntax(String s) {
    this.s = s;
  }

  static void check(String json) {
    JsonSyntax p = new JsonSyntax(json);
    p.value();
    p.space();
    if (p.pos != json.length()) {
      throw p.error("trailing text");
    }
  }

  private void value() {
    space();
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(pos);
    if (c == '{') {
      sequence('}', true);
    } else if (c == '[') {
      sequence(']', false);
    } else if (c == '"') {
      string();
    } else if (s.startsWith("true", pos) || s.startsWith("null", pos)) {
      pos += 4;
    } else if (s.startsWith("false", pos)) {
      pos += 5;
    } else {
      number();
    }
  }

  private void sequence(char close, boolean object) {
    pos++;
    space();
    if (peek() == close) {
      pos++;
      return;
    }
    while (true) {
      if (object) {
        space();
        string();
        space();
        expect(':');
      }
      value();
      space();
      if (peek() == close) {
        pos++;
        return;
      }
      expect(',');
    }
  }

  private void string() {
    expect('"');
    while (peek() != '"') {
      char c = s.charAt(pos++);
      if (c < 0x20) {
        throw error("control character in string");
      } else if (c == '\\') {
        char e = s.charAt(pos++);
        if (e == 'u') {
          pos += 4;
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          throw error("bad escape \\" + e);
        }
      }
    }
    pos++;
  }

  private void number() {
    int start = pos;
    while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
    if (!s.substring(start, pos).matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      throw error("bad number '" + s.substring(start, pos) + "'");
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    return s.charAt(pos);
  }

  private void space() {
    while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON: " + what + " at offset " + pos);
  }
}
