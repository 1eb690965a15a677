package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.Allocations;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

  /** An IDX header: the magic number and the dimension sizes. */
  private static byte[] header(int magic, int... dims) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    for (int dim : dims) {
      out.writeInt(dim);
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    return bytes.toByteArray();
  }

  static byte[] gzip(byte[] plain) throws IOException {
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
    return assertThrows(DataFileFormatException.class, read::run).getMessage();
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
  void imagesAndLabelsMakeADatasetOfOneChannelImagesInTheUnitInterval() throws IOException {
    TensorDataset data = IdxReader.read(write("i", gzip(images(3))), write("l", labels(1, 2, 3)));
    assertEquals(Shape.of(3, 1, 2, 2), data.features().shape());
    assertEquals(Shape.of(3, 4), data.flatten().features().shape());
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
  void anEmptyFileIsATruncatedHeaderPlainOrGzipped() throws IOException {
    Path empty = write("empty-idx1-ubyte", new byte[0]);
    assertEquals(empty + ": truncated: expected the header's magic number (4 bytes), found the end of the file",
        failure(() -> IdxReader.readLabels(empty)));
    Path gzipped = write("empty-idx1-ubyte.gz", gzip(new byte[0]));
    assertEquals(gzipped + ": truncated: expected the header's magic number (4 bytes), found the end of the file",
        failure(() -> IdxReader.readLabels(gzipped)));
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

  @Test
  void aGzipStreamWithTrailingGarbageIsRejected() throws IOException {
    // GZIPInputStream ignores bytes after the last member when they do not start another one.
    Path file = write("padded.gz", concat(gzip(images(3)), "garbage".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(file + ": corrupt gzip data: bytes after the end of the gzip stream (1 member): expected the end"
        + " of the file or another gzip member (1f 8b), found 67 61", failure(() -> IdxReader.readImages(file)));
    Path oneByte = write("one-byte.gz", concat(gzip(images(3)), new byte[1]));
    assertTrue(failure(() -> IdxReader.readImages(oneByte)).endsWith("found 00 and the end of the file"));

    byte[] whole = images(3);
    Path twoMembers = write("two.gz", concat(gzip(Arrays.copyOf(whole, 10)),
        gzip(Arrays.copyOfRange(whole, 10, whole.length))));
    assertArrayEquals(IdxReader.readImages(write("plain", whole)).toFloatArray(),
        IdxReader.readImages(twoMembers).toFloatArray(), "members one after another are one stream, as gzip has it");
  }

  @Test
  void aCorruptGzipStreamNamesTheFile() throws IOException {
    byte[] gz = gzip(images(3));
    gz[gz.length - 6] ^= 1; // in the CRC-32 of the trailer
    Path file = write("flipped.gz", gz);
    String message = failure(() -> IdxReader.readImages(file));
    assertTrue(message.startsWith(file + ": corrupt gzip data: gzip member 1: CRC-32 of the data is "), message);
  }

  @Test
  void aGzipBombIsRejectedBeforeItIsInflated() throws IOException {
    // A header declaring 1,048,576 images of 32 x 32, a valid IDX file of 1 GiB, and then the 1 GiB of zeros as
    // 1024 gzip members of 1 MiB each: about 1 MB on disk.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    bomb.writeBytes(gzip(header(IdxReader.IMAGES_MAGIC, 1 << 20, 32, 32)));
    byte[] mebibyte = gzip(new byte[1 << 20]);
    for (int i = 0; i < 1024; i++) {
      bomb.writeBytes(mebibyte);
    }
    Path file = write("bomb.gz", bomb.toByteArray());
    Allocations.Measured read = Allocations.measure(() -> IdxReader.readImages(file));
    assertTrue(read.bytes() < 4 << 20, read.bytes() + " bytes allocated to refuse the file");
    assertInstanceOf(DataFileFormatException.class, read.thrown());
    assertEquals(file + ": its header declares 1073741840 bytes for dimensions (1048576, 32, 32), "
        + 1073741840L / bomb.size() + " times the " + bomb.size() + " bytes of gzip on disk; refusing it as a likely"
        + " gzip bomb (real IDX data compresses less than 100 to 1)", read.thrown().getMessage());
  }

  @Test
  void aFileWithZeroImagesOrLabelsHoldsNoSamples() throws IOException {
    Path images = write("no-images", images(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(images));
    assertEquals(images + ": holds no samples: its IDX header declares 0 images", e.getMessage());
    Path labels = write("no-labels.gz", gzip(labels()));
    e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readLabels(labels));
    assertEquals(labels + ": holds no samples: its IDX header declares 0 labels", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> IdxReader.read(images, labels));
    assertEquals(images + ": holds no samples: its IDX header declares 0 images", e.getMessage());
  }

  @Test
  void dimensionsWhoseProductOverflowsAreRefusedNotWrapped() throws IOException {
    // 0 images of 65536 x 65536: the pixels per image, 2^32, wrapped to 0 in an int and made a (0, 0) dataset.
    Path none = write("none", header(IdxReader.IMAGES_MAGIC, 0, 65536, 65536));
    assertThrows(IllegalArgumentException.class, () -> IdxReader.read(none, write("l", labels())));
    // 2^48 bytes, which an int product wraps to 0
    Path huge = write("huge", header(IdxReader.IMAGES_MAGIC, 65536, 65536, 65536));
    assertEquals(huge + ": expected at most 2147483639 bytes of data, found dimensions (65536, 65536, 65536) in"
        + " the header", failure(() -> IdxReader.readImages(huge)));
  }

  @Test
  void aMissingFileOrADirectoryNamesThePathAndWhatFailed() throws IOException {
    Path missing = dir.resolve("nowhere-idx3-ubyte");
    NoSuchFileException gone = assertThrows(NoSuchFileException.class, () -> IdxReader.readImages(missing));
    assertEquals(missing + ": cannot read IDX file: no such file", gone.getMessage());

    Path folder = Files.createDirectory(dir.resolve("labels-idx1-ubyte"));
    FileSystemException e = assertThrows(FileSystemException.class, () -> IdxReader.readLabels(folder));
    assertEquals(folder + ": cannot read IDX file: it is a directory", e.getMessage());
  }
}
