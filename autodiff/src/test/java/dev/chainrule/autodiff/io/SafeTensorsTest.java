package dev.chainrule.autodiff.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  @TempDir
  Path dir;

  /** The file layout built by hand: 8-byte little-endian header length, the header, then the data. */
  static byte[] file(String header, long headerLength, byte[] data) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(headerLength).put(json).put(data).array();
  }

  static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static byte[] doubles(double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  @Test
  void writesTheReferenceLayoutByteForByte() throws IOException {
    Path file = dir.resolve("a.safetensors");
    SafeTensors.save(file, Map.of("a", Tensor.wrap(Shape.of(2), new float[] {1f, 2f})));
    // 54 bytes of JSON padded with 2 spaces to 56; 1.0f is 00 00 80 3f, 2.0f is 00 00 00 40.
    byte[] expected = {
        56, 0, 0, 0, 0, 0, 0, 0,
        '{', '"', 'a', '"', ':', '{', '"', 'd', 't', 'y', 'p', 'e', '"', ':', '"', 'F', '3', '2', '"', ',',
        '"', 's', 'h', 'a', 'p', 'e', '"', ':', '[', '2', ']', ',',
        '"', 'd', 'a', 't', 'a', '_', 'o', 'f', 'f', 's', 'e', 't', 's', '"', ':', '[', '0', ',', '8', ']', '}', '}',
        ' ', ' ',
        0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40};
    assertArrayEquals(expected, Files.readAllBytes(file));
  }

  @Test
  void writesMetadataFirstSortedAndTensorsInMapOrder() throws IOException {
    Path file = dir.resolve("m.safetensors");
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("w", Tensor.wrap(Shape.of(1, 0), new double[0]));
    tensors.put("b", Tensor.wrap(Shape.scalar(), new float[] {3f}));
    SafeTensors.save(file, tensors, Map.of("z", "last", "format", "pt"));
    String header = "{\"__metadata__\":{\"format\":\"pt\",\"z\":\"last\"},"
        + "\"w\":{\"dtype\":\"F64\",\"shape\":[1,0],\"data_offsets\":[0,0]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}";
    assertEquals(150, header.length());
    assertArrayEquals(file(header + "  ", 152, floats(3f)), Files.readAllBytes(file));
  }

  @Test
  void readsHandWrittenBytesWithAnyKeyOrderAndSpacing() throws IOException {
    String header = "{ \"y\" : {\"shape\": [2], \"data_offsets\": [8, 24], \"dtype\": \"F64\"},\n"
        + "  \"x\": {\"data_offsets\": [0, 8], \"dtype\": \"F32\", \"shape\": [1, 2]},"
        + "  \"__metadata__\": {\"note\": \"caf\\u00e9 \\\"q\\\"\"} }";
    byte[] data = ByteBuffer.allocate(24).put(floats(-1f, 0.5f)).put(doubles(1e300, -0.0)).array();
    Path file = write("hand.safetensors", file(header, header.length(), data));

    LinkedHashMap<String, Tensor> tensors = SafeTensors.load(file);
    assertEquals(List.of("x", "y"), List.copyOf(tensors.keySet()));
    assertEquals(Shape.of(1, 2), tensors.get("x").shape());
    assertEquals(DType.FLOAT32, tensors.get("x").dtype());
    assertArrayEquals(new float[] {-1f, 0.5f}, tensors.get("x").toFloatArray());
    assertEquals(DType.FLOAT64, tensors.get("y").dtype());
    assertArrayEquals(new double[] {1e300, -0.0}, tensors.get("y").toDoubleArray());
    assertEquals(Map.of("note", "café \"q\""), SafeTensors.readMetadata(file));
  }

  @Test
  void roundTripsMetadataWithEscapesAndUnicode() throws IOException {
    Path file = dir.resolve("u.safetensors");
    Map<String, String> metadata = Map.of("tab\tquote\"", "back\\slash\nnewline", "ключ", "值 \u0001");
    SafeTensors.save(file, Map.of("ω", Tensor.wrap(Shape.of(1), new float[] {7f})), metadata);
    assertEquals(metadata, SafeTensors.readMetadata(file));
    assertEquals(7.0, SafeTensors.load(file).get("ω").item());
  }

  @Test
  void anEmptyMapIsAnEmptyObject() throws IOException {
    Path file = dir.resolve("empty.safetensors");
    SafeTensors.save(file, Map.of());
    assertArrayEquals(file("{}      ", 8, new byte[0]), Files.readAllBytes(file));
    assertTrue(SafeTensors.load(file).isEmpty());
    assertTrue(SafeTensors.readMetadata(file).isEmpty());
  }

  @Test
  void theMetadataKeyIsNotATensorName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(
        dir.resolve("x.safetensors"), Map.of("__metadata__", Tensor.wrap(Shape.of(1), new float[1]))));
    assertEquals("save: __metadata__ is reserved for metadata, not a tensor name", e.getMessage());
  }

  @Test
  void overwritingReplacesTheWholeFile() throws IOException {
    Path file = write("over.safetensors", new byte[4096]);
    SafeTensors.save(file, Map.of("a", Tensor.wrap(Shape.of(2), new float[] {1f, 2f})));
    assertEquals(8 + 56 + 8, Files.size(file));
  }

  @Test
  void aFailedSaveLeavesTheTargetAndNoTemporaryFile() throws IOException {
    Path target = Files.createDirectory(dir.resolve("taken"));
    Files.write(target.resolve("keep"), new byte[] {1});
    assertThrows(IOException.class,
        () -> SafeTensors.save(target, Map.of("a", Tensor.wrap(Shape.of(1), new float[1]))));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList());
    }
    assertArrayEquals(new byte[] {1}, Files.readAllBytes(target.resolve("keep")));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }
}
