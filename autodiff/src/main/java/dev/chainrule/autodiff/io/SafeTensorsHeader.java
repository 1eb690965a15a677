package dev.chainrule.autodiff.io;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON header of a safetensors file: written in the compact form of the reference (Rust) implementation,
 * {@code {"__metadata__":{...},"name":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},...}} padded with
 * spaces to a multiple of 8 bytes; read strictly, so that every tensor's offsets are checked before any data is.
 */
final class SafeTensorsHeader {
  static final String METADATA_KEY = "__metadata__";
  private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");

  /** One tensor of a parsed header; offsets are relative to the start of the data after the header. */
  record Entry(String name, DType dtype, Shape shape, long begin, long end) {}

  /** A parsed, validated header: entries in data order, metadata in header order. */
  record Parsed(List<Entry> entries, Map<String, String> metadata) {}

  private final Path file;

  private SafeTensorsHeader(Path file) {
    this.file = file;
  }

  /** The header bytes, padded with spaces to a multiple of 8, for tensors laid out in iteration order. */
  static byte[] format(Map<String, Tensor> tensors, Map<String, String> metadata) {
    StringBuilder json = new StringBuilder("{");
    if (!metadata.isEmpty()) {
      Json.quote(json, METADATA_KEY).append(":{");
      String separator = "";
      for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
        Json.quote(json.append(separator), e.getKey()).append(':');
        Json.quote(json, e.getValue());
        separator = ",";
      }
      json.append('}');
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      Tensor t = e.getValue();
      long end = offset + LittleEndianData.byteCount(t);
      Json.quote(json.append(json.length() > 1 ? "," : ""), e.getKey()).append(":{\"dtype\":")
          .append('"').append(name(t.dtype())).append('"').append(",\"shape\":[");
      int[] dims = t.shape().dims();
      for (int i = 0; i < dims.length; i++) {
        json.append(i == 0 ? "" : ",").append(dims[i]);
      }
      json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
      offset = end;
    }
    byte[] bytes = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    byte[] padded = Arrays.copyOf(bytes, (bytes.length + 7) / 8 * 8);
    Arrays.fill(padded, bytes.length, padded.length, (byte) ' ');
    return padded;
  }

  /**
   * Parses and validates a header whose data section is {@code dataLength} bytes: every entry well formed with
   * a supported dtype, its byte count equal to shape times element size, and the offsets tiling the data
   * exactly, without overlap, gap, overrun or trailing bytes.
   *
   * @throws TensorFileFormatException when it is not, naming the problem
   */
  static Parsed parse(HeaderText text, long dataLength) throws IOException {
    return new SafeTensorsHeader(text.file()).parse(Json.parseObject(text), dataLength);
  }

  private Parsed parse(Map<String, Object> root, long dataLength) throws TensorFileFormatException {
    List<Entry> entries = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : root.entrySet()) {
      String name = e.getKey();
      if (name.equals(METADATA_KEY)) {
        metadata = metadata(e.getValue());
      } else {
        entries.add(entry(name, e.getValue()));
      }
    }
    entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    checkLayout(entries, dataLength);
    return new Parsed(List.copyOf(entries), metadata);
  }

  private Map<String, String> metadata(Object value) throws TensorFileFormatException {
    if (!(value instanceof Map<?, ?> map)) {
      throw error("\"__metadata__\" must be an object of strings");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw error("\"__metadata__\" value of \"" + Json.abbreviate((String) e.getKey()) + "\" must be a string");
      }
      metadata.put((String) e.getKey(), s);
    }
    return metadata;
  }

  private Entry entry(String name, Object value) throws TensorFileFormatException {
    String where = "tensor '" + Json.abbreviate(name) + "': ";
    if (!(value instanceof Map<?, ?> map)) {
      throw error(where + "entry must be an object with dtype, shape and data_offsets");
    }
    for (String key : ENTRY_KEYS) {
      if (!map.containsKey(key)) {
        throw error(where + "missing \"" + key + "\"");
      }
    }
    for (Object key : map.keySet()) {
      if (!ENTRY_KEYS.contains(key)) {
        throw error(where + "unexpected key \"" + Json.abbreviate((String) key) + "\"");
      }
    }
    DType dtype = dtype(where, map.get("dtype"));
    long[] dims = integers(where + "shape", map.get("shape"));
    long[] offsets = integers(where + "data_offsets", map.get("data_offsets"));
    if (offsets.length != 2) {
      throw error(where + "data_offsets must be [begin, end], not " + Arrays.toString(offsets));
    }
    if (offsets[1] < offsets[0]) {
      throw error(where + "data_offsets " + Arrays.toString(offsets) + " end before they begin");
    }
    Shape shape = shape(where, dims);
    long needed = (long) shape.size() * LittleEndianData.elementBytes(dtype);
    if (offsets[1] - offsets[0] != needed) {
      throw error(where + "data_offsets " + Arrays.toString(offsets) + " hold " + (offsets[1] - offsets[0])
          + " bytes, but shape " + shape + " of " + map.get("dtype") + " needs " + needed);
    }
    return new Entry(name, dtype, shape, offsets[0], offsets[1]);
  }

  /** The safetensors name of {@code dtype}. */
  private static String name(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> "F32";
      case FLOAT64 -> "F64";
      case INT64 -> "I64";
      case BOOL -> "BOOL";
    };
  }

  private DType dtype(String where, Object value) throws TensorFileFormatException {
    for (DType d : DType.values()) {
      if (name(d).equals(value)) {
        return d;
      }
    }
    if (value instanceof String s) {
      throw error(where + "dtype \"" + Json.abbreviate(s) + "\" is not supported (chainrule reads F32, F64, I64"
          + " and BOOL)");
    }
    throw error(where + "dtype must be a string");
  }

  private long[] integers(String what, Object value) throws TensorFileFormatException {
    if (value instanceof List<?> list) {
      long[] out = new long[list.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(list.get(i) instanceof Long n)) {
          throw error(what + " must be a list of non-negative integers");
        }
        out[i] = n;
      }
      return out;
    }
    throw error(what + " must be a list of non-negative integers");
  }

  private Shape shape(String where, long[] dims) throws TensorFileFormatException {
    int[] ints = new int[dims.length];
    long size = 1;
    for (int i = 0; i < dims.length; i++) {
      size *= dims[i];
      if (dims[i] > Integer.MAX_VALUE || size > Integer.MAX_VALUE) {
        throw error(where + "shape " + Arrays.toString(dims) + " has more elements than a Java array can hold");
      }
      ints[i] = (int) dims[i];
    }
    return Shape.of(ints);
  }

  private void checkLayout(List<Entry> entries, long dataLength) throws TensorFileFormatException {
    long expected = 0;
    Entry previous = null;
    for (Entry e : entries) {
      String where = "tensor '" + Json.abbreviate(e.name()) + "': data_offsets [" + e.begin() + ", " + e.end()
          + "] ";
      if (e.begin() < expected) {
        throw error(where + "overlap tensor '" + Json.abbreviate(previous.name()) + "' [" + previous.begin() + ", "
            + previous.end() + "]");
      } else if (e.begin() > expected) {
        throw error(where + "leave a gap: bytes [" + expected + ", " + e.begin() + ") of the data belong to no tensor");
      } else if (e.end() > dataLength) {
        throw error(where + "run past the end of the data, which is " + dataLength + " bytes (truncated file?)");
      }
      expected = e.end();
      previous = e;
    }
    if (expected < dataLength) {
      throw error((dataLength - expected) + " trailing bytes after the last tensor, which ends at data offset "
          + expected);
    }
  }

  private TensorFileFormatException error(String problem) {
    return new TensorFileFormatException(file, problem);
  }
}
