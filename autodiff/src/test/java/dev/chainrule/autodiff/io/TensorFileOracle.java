package dev.chainrule.autodiff.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a load of damaged bytes was a correct load, by reading the bytes again without chainrule's
 * parsers: the data section must be exactly the loaded values in order, and each tensor must have the dtype,
 * shape and offsets its header entry gives. A damaged file has no checksum, so a bit flip in the data is a
 * legal file with other values; what must never happen is a tensor whose shape or dtype is not the header's, or
 * values that are not the file's bytes.
 */
final class TensorFileOracle {
  private static final Pattern DTYPE = Pattern.compile("\"dtype\"\\s*:\\s*\"(F32|F64)\"");
  private static final Pattern SHAPE = Pattern.compile("\"shape\"\\s*:\\s*\\[([\\d,\\s]*)]");
  private static final Pattern OFFSETS = Pattern.compile("\"data_offsets\"\\s*:\\s*\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");
  private static final Pattern NPY_DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"](<f4|<f8)['\"]");
  private static final Pattern NPY_SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([\\d,\\s]*)\\)");
  private static final Pattern NPY_FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*False");

  private TensorFileOracle() {}

  /** {@code loaded} and {@code metadata} are what the safetensors file {@code bytes} holds. */
  static void assertSafeTensors(byte[] bytes, Map<String, Tensor> loaded, Map<String, String> metadata,
      String where) {
    int n = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(bytes, 8, n, StandardCharsets.UTF_8);
    byte[] data = Arrays.copyOfRange(bytes, 8 + n, bytes.length);
    assertArrayEquals(data, littleEndian(loaded.values()), where + ": the loaded values are not the data section");

    Map<String, String> entries = topLevelObjects(header);
    String meta = entries.remove(SafeTensorsHeader.METADATA_KEY);
    assertEquals(entries.keySet(), loaded.keySet(), where + ": tensor names");
    long offset = 0;
    for (Map.Entry<String, Tensor> e : loaded.entrySet()) {
      String entry = entries.get(e.getKey());
      Tensor t = e.getValue();
      String what = where + ": tensor '" + e.getKey() + "' " + entry;
      assertEquals(find(DTYPE, entry, what).group(1), t.dtype() == DType.FLOAT64 ? "F64" : "F32", what);
      assertEquals(shape(find(SHAPE, entry, what).group(1)), t.shape(), what);
      Matcher offsets = find(OFFSETS, entry, what);
      long end = offset + LittleEndianData.byteCount(t);
      assertEquals(List.of(offset, end), List.of(Long.parseLong(offsets.group(1)), Long.parseLong(offsets.group(2))),
          what + ": data_offsets in data order");
      offset = end;
    }
    assertEquals(meta == null ? Map.of() : strings(meta), metadata, where + ": metadata");
  }

  /** {@code loaded} is what the .npy file {@code bytes} holds. */
  static void assertNpy(byte[] bytes, Tensor loaded, String where) {
    int major = bytes[6];
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int lengthBytes = major == 1 ? 2 : 4;
    int n = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
    String header = new String(bytes, 8 + lengthBytes, n,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String what = where + ": header " + header.strip();
    assertEquals(find(NPY_DESCR, header, what).group(1), loaded.dtype() == DType.FLOAT64 ? "<f8" : "<f4", what);
    assertEquals(shape(find(NPY_SHAPE, header, what).group(1)), loaded.shape(), what);
    find(NPY_FORTRAN, header, what);
    assertArrayEquals(Arrays.copyOfRange(bytes, 8 + lengthBytes + n, bytes.length), littleEndian(List.of(loaded)),
        what + ": the loaded values are not the data");
  }

  /** The tensors' values, one after another, as the little-endian bytes of their dtype. */
  static byte[] littleEndian(Iterable<Tensor> tensors) {
    long total = 0;
    for (Tensor t : tensors) {
      total += LittleEndianData.byteCount(t);
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    for (Tensor t : tensors) {
      if (t.dtype() == DType.FLOAT64) {
        for (double v : t.rawDoubles()) {
          out.putLong(Double.doubleToRawLongBits(v));
        }
      } else {
        for (float v : t.rawFloats()) {
          out.putInt(Float.floatToRawIntBits(v));
        }
      }
    }
    return out.array();
  }

  private static Matcher find(Pattern pattern, String text, String what) {
    Matcher m = pattern.matcher(text);
    assertTrue(m.find(), what + ": no match for " + pattern);
    return m;
  }

  private static Shape shape(String dims) {
    List<Integer> list = new ArrayList<>();
    for (String d : dims.split(",")) {
      if (!d.isBlank()) {
        list.add(Integer.parseInt(d.strip()));
      }
    }
    return Shape.of(list.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The members of a JSON object of strings, unescaped, in order. */
  private static Map<String, String> strings(String object) {
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < object.length(); i++) {
      if (object.charAt(i) == '"') {
        int end = stringEnd(object, i);
        strings.add(unescape(object.substring(i + 1, end)));
        i = end;
      }
    }
    Map<String, String> members = new LinkedHashMap<>();
    for (int i = 0; i + 1 < strings.size(); i += 2) {
      members.put(strings.get(i), strings.get(i + 1));
    }
    return members;
  }

  /**
   * The members of the root JSON object whose values are objects, as key (unescaped) to the object's text.
   * A small scanner that knows strings, escapes and brackets, written apart from {@link Json} so that it can
   * check it.
   */
  private static Map<String, String> topLevelObjects(String json) {
    Map<String, String> objects = new LinkedHashMap<>();
    int depth = 0;
    String key = null;
    int objectStart = -1;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"') {
        int end = stringEnd(json, i);
        if (depth == 1 && key == null) {
          key = unescape(json.substring(i + 1, end));
        }
        i = end;
      } else if (c == '{' || c == '[') {
        if (depth == 1 && c == '{') {
          objectStart = i;
        }
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 1 && objectStart >= 0) {
          objects.put(key, json.substring(objectStart, i + 1));
          objectStart = -1;
        }
      } else if (c == ',' && depth == 1) {
        key = null;
      }
    }
    return objects;
  }

  private static int stringEnd(String json, int start) {
    int i = start + 1;
    while (json.charAt(i) != '"') {
      i += json.charAt(i) == '\\' ? 2 : 1;
    }
    return i;
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
