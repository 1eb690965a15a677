package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  /** Three 2x2 images with pixels 0, 1, ..., 11 except the last, 255. */
  private static byte[] images(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(IdxReader.IMAGES_MAGIC);
    out.writeInt(count);
    out.writeInt(2);
    out.writeInt(2);
    for (int i = 0; i < 4 * count; i++) {
      out.writeByte(i == 4 * count - 1 ? 255 : i);
    }
    return bytes.toByteArray();
  }

  private static byte[] labels(int... values) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(IdxReader.LABELS_MAGIC);
    out.writeInt(values.length);
    for (int v : values) {
      out.writeByte(v);
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static String failure(IdxReaderTest.Read read) {
    return assertThrows(IOException.class, read::run).getMessage();
  }

  private interface Read {
    void run() throws IOException;
  }

  @Test
  void plainAndGzippedFilesReadBackTheSameByContentNotName() throws IOException {
    Path plain = write("images-idx3-ubyte", images(3));
    Path gzipped = write("images-named-plain", gzip(images(3)));
    Path plainNamedGz = write("images.gz", images(3));
    Tensor expected = IdxReader.readImages(plain);
    assertEquals(Shape.of(3, 2, 2), expected.shape());
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255}, expected.toFloatArray());
    assertArrayEquals(expected.toFloatArray(), IdxReader.readImages(gzipped).toFloatArray());
    assertArrayEquals(expected.toFloatArray(), IdxReader.readImages(plainNamedGz).toFloatArray());

    Tensor labels = IdxReader.readLabels(write("labels.gz", gzip(labels(7, 0, 9))));
    assertArrayEquals(new float[] {7, 0, 9}, labels.toFloatArray());
  }

  @Test
  void imagesAndLabelsMakeADatasetOfFlatPixelsInTheUnitInterval() throws IOException {
    TensorDataset data = IdxReader.read(write("i", gzip(images(3))), write("l", labels(1, 2, 3)));
    assertEquals(Shape.of(3, 4), data.features().shape());
    assertEquals(Shape.of(3), data.labels().shape());
    float[] pixels = data.features().toFloatArray();
    assertEquals(0f, pixels[0]);
    assertEquals(1 / 255f, pixels[1]);
    assertEquals(1f, pixels[11]);
  }

  @Test
  void wrongMagicNumberNamesTheFileAndBothNumbers() throws IOException {
    Path file = write("swapped", labels(1, 2));
    String message = failure(() -> IdxReader.readImages(file));
    assertTrue(message.startsWith(file.toString()), message);
    assertTrue(message.contains("expected IDX magic number 0x00000803 (unsigned bytes, 3 dimensions)"), message);
    assertTrue(message.contains("found 0x00000801 (unsigned bytes, 1 dimension)"), message);

    byte[] floats = images(1);
    floats[2] = 0x0D;
    Path floatFile = write("floats", floats);
    message = failure(() -> IdxReader.readImages(floatFile));
    assertTrue(message.contains("found 0x00000D03 (floats, 3 dimensions)"), message);

    Path text = write("text.idx", "hello, world".getBytes());
    message = failure(() -> IdxReader.readLabels(text));
    assertTrue(message.contains("expected IDX magic number 0x00000801") && message.contains("found 0x68656C6C"),
        message);
  }

  @Test
  void truncatedDataSaysHowMuchWasExpectedAndFound() throws IOException {
    byte[] whole = images(3);
    Path file = write("short", Arrays.copyOf(whole, whole.length - 5));
    String message = failure(() -> IdxReader.readImages(file));
    assertTrue(message.startsWith(file + ": truncated"), message);
    assertTrue(message.contains("expected 12 bytes of data for dimensions (3, 2, 2), found 7"), message);

    Path header = write("header", Arrays.copyOf(whole, 10));
    message = failure(() -> IdxReader.readImages(header));
    assertTrue(message.contains("truncated: expected the header's size of dimension 1 (4 bytes)"), message);

    byte[] gz = gzip(whole);
    Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length - 12));
    message = failure(() -> IdxReader.readImages(cut));
    assertTrue(message.startsWith(cut + ": truncated"), message);
  }

  @Test
  void extraBytesAfterTheDataAreAnError() throws IOException {
    byte[] whole = images(1);
    Path file = write("long", Arrays.copyOf(whole, whole.length + 1));
    String message = failure(() -> IdxReader.readImages(file));
    assertTrue(message.contains("expected 4 bytes of data for dimensions (1, 2, 2), found more bytes after them"),
        message);
  }

  @Test
  void labelCountMustMatchImageCount() throws IOException {
    Path images = write("images", images(3));
    Path labels = write("labels", labels(1, 2));
    String message = failure(() -> IdxReader.read(images, labels));
    assertTrue(message.startsWith(labels.toString()), message);
    assertTrue(message.contains("expected one label for each of the 3 images in " + images + ", found 2 labels"),
        message);
  }

  @Test
  void aHeaderPromisingMoreThanAnArrayHoldsIsRejectedBeforeReading() throws IOException {
    byte[] huge = images(1);
    huge[4] = 0x7f; // count 2130706433 images of 2x2
    Path file = write("huge", huge);
    String message = failure(() -> IdxReader.readImages(file));
    assertTrue(message.contains("found dimensions (2130706433, 2, 2)"), message);
  }
}
