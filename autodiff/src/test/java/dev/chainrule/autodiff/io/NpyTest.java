package dev.chainrule.autodiff.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir
  Path dir;

  /** Magic, version, little-endian header length (2 bytes for version 1, else 4), header, data. */
  static byte[] npy(int major, String header, byte[] data) {
    byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(12 + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) text.length);
    } else {
      b.putInt(text.length);
    }
    return Arrays.copyOf(b.put(text).put(data).array(), b.position());
  }

  @Test
  void writesWhatNumpySaveWrites() throws IOException {
    Path file = dir.resolve("a.npy");
    Npy.save(file, Tensor.wrap(Shape.of(2), new float[] {1f, 2f}));
    // np.save(f, np.array([1, 2], np.float32)) with NumPy 2.4: the dictionary, 20 spare spaces for the first
    // axis to grow, 40 spaces of padding to byte 127, '\n', then the data at byte 128.
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }" + " ".repeat(60) + "\n";
    assertEquals(118, header.length());
    byte[] expected = npy(1, header, new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40});
    assertArrayEquals(expected, Files.readAllBytes(file));
  }

  @Test
  void aScalarHasAnEmptyTupleAndNoGrowthSpace() throws IOException {
    Path file = dir.resolve("s.npy");
    Npy.save(file, Tensor.wrap(Shape.scalar(), new double[] {0.0}));
    String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (), }" + " ".repeat(62) + "\n";
    assertArrayEquals(npy(1, header, new byte[8]), Files.readAllBytes(file));
  }

  @Test
  void readsOtherQuotingSpacingKeyOrderAndVersion2() throws IOException {
    byte[] data = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN)
        .putDouble(1).putDouble(2).putDouble(3).putDouble(4).putDouble(5).putDouble(-6).array();
    Path file = Files.write(dir.resolve("b.npy"),
        npy(2, "{\"shape\":(2,3),\"fortran_order\":False,\"descr\":\"<f8\"}\n", data));
    Tensor t = Npy.load(file);
    assertEquals(Shape.of(2, 3), t.shape());
    assertEquals(DType.FLOAT64, t.dtype());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, -6}, t.toDoubleArray());
  }

  @Test
  void roundTripsZeroSizeAndHighRank() throws IOException {
    Path file = dir.resolve("z.npy");
    Npy.save(file, Tensor.wrap(Shape.of(3, 0, 2), new float[0]));
    assertEquals(Shape.of(3, 0, 2), Npy.load(file).shape());
    Npy.save(file, Tensor.wrap(Shape.of(1, 2, 1, 2, 1), new double[] {1, 2, 3, 4}));
    assertArrayEquals(new double[] {1, 2, 3, 4}, Npy.load(file).toDoubleArray());
    assertEquals(0, (Files.size(file) - 32) % 64, "32 bytes of data after a header ending on a multiple of 64");
  }

  @Test
  void aHeaderTooLongForVersion1IsWrittenAsVersion2() throws IOException {
    int[] dims = new int[22_000];
    Arrays.fill(dims, 1);
    Path file = dir.resolve("v2.npy");
    Npy.save(file, Tensor.wrap(Shape.of(dims), new float[] {9f}));
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(2, bytes[6]);
    assertEquals(0, (bytes.length - 4) % 64);
    assertEquals(Shape.of(dims), Npy.load(file).shape());
  }

  @Test
  void aFailedSaveLeavesNoTemporaryFile() throws IOException {
    Path target = Files.createDirectories(dir.resolve("taken/sub")).getParent();
    assertThrows(IOException.class, () -> Npy.save(target, Tensor.wrap(Shape.of(1), new float[1])));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList());
    }
  }
}
