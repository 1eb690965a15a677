package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

/**
 * Reads unsigned-byte IDX files, the format of MNIST and Fashion-MNIST, plain or gzipped (recognised by the
 * gzip magic bytes, not the file name). An IDX file is a big-endian header, magic number {@code 0x000008NN}
 * (data type {@code 0x08}, unsigned byte; {@code NN} dimensions), then {@code NN} 32-bit dimension sizes, then
 * exactly the product of the sizes in bytes. Anything else is rejected with an {@link IOException} naming the
 * file, what was expected and what was found.
 */
public final class IdxReader {
  /** Magic number of a label file: unsigned bytes, one dimension. */
  public static final int LABELS_MAGIC = 0x00000801;
  /** Magic number of an image file: unsigned bytes, three dimensions (count, rows, columns). */
  public static final int IMAGES_MAGIC = 0x00000803;

  private static final int UNSIGNED_BYTE = 0x08;
  private static final int MAX_BYTES = Integer.MAX_VALUE - 8;

  private IdxReader() {}

  /** The labels of an {@code idx1-ubyte} file: FLOAT32 of shape {@code (n)}, integers 0..255. */
  public static Tensor readLabels(Path file) throws IOException {
    return read(file, LABELS_MAGIC, 1f);
  }

  /** The images of an {@code idx3-ubyte} file: FLOAT32 of shape {@code (n, rows, columns)}, values 0..255. */
  public static Tensor readImages(Path file) throws IOException {
    return read(file, IMAGES_MAGIC, 1f);
  }

  /**
   * Images and their labels as one dataset: features FLOAT32 of shape {@code (n, rows * columns)} scaled to
   * {@code [0, 1]} (pixel / 255), labels FLOAT32 of shape {@code (n)}; the two files must hold the same count.
   */
  public static TensorDataset read(Path images, Path labels) throws IOException {
    Tensor pixels = read(images, IMAGES_MAGIC, 255f);
    Tensor classes = readLabels(labels);
    int n = pixels.shape().dim(0);
    if (classes.shape().dim(0) != n) {
      throw new IOException(labels + ": expected one label for each of the " + n + " images in " + images
          + ", found " + classes.shape().dim(0) + " labels");
    }
    Shape shape = pixels.shape();
    return new TensorDataset(pixels.viewAs(Shape.of(n, shape.dim(1) * shape.dim(2))), classes);
  }

  private static Tensor read(Path file, int expectedMagic, float divisor) throws IOException {
    checkNotNull(file, "IdxReader: file must not be null");
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(Gzip.maybeDecompress(raw))) {
      int[] dims = header(file, in, expectedMagic);
      byte[] bytes = data(file, in, dims);
      float[] values = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        values[i] = (bytes[i] & 0xff) / divisor;
      }
      return Tensor.wrap(Shape.of(dims), values);
    } catch (EOFException e) {
      throw new IOException(file + ": truncated: expected a complete gzip stream, found one that ends early ("
          + e.getMessage() + ")", e);
    } catch (ZipException e) {
      throw new IOException(file + ": expected gzip data after the gzip magic bytes, found a corrupt stream ("
          + e.getMessage() + ")", e);
    }
  }

  /** Exactly the product of {@code dims} bytes, the rest of the file. */
  private static byte[] data(Path file, InputStream in, int[] dims) throws IOException {
    long count = 1;
    for (int dim : dims) {
      count = Math.min(count * dim, 1L << 32); // saturates instead of overflowing; any dimension 0 gives 0
    }
    String shape = Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
    if (count > MAX_BYTES) {
      throw new IOException(file + ": expected at most " + MAX_BYTES + " bytes of data, found dimensions " + shape
          + " in the header");
    }
    String expected = "expected " + count + " bytes of data for dimensions " + shape;
    byte[] bytes;
    try {
      bytes = in.readNBytes((int) count);
    } catch (EOFException e) {
      throw new IOException(file + ": truncated: " + expected + ", found a gzip stream that ends early ("
          + e.getMessage() + ")", e);
    }
    if (bytes.length < count) {
      throw new IOException(file + ": truncated: " + expected + ", found " + bytes.length);
    }
    if (in.read() != -1) {
      throw new IOException(file + ": " + expected + ", found more bytes after them");
    }
    return bytes;
  }

  /** Checks the magic number and reads the dimension sizes. */
  private static int[] header(Path file, DataInputStream in, int expectedMagic) throws IOException {
    int magic = readHeaderInt(file, in, "magic number");
    if (magic != expectedMagic) {
      throw new IOException(String.format(
          "%s: expected IDX magic number 0x%08X (%s), found 0x%08X%s", file, expectedMagic,
          describe(expectedMagic), magic, magic >>> 16 == 0 ? " (" + describe(magic) + ")" : ""));
    }
    int[] dims = new int[magic & 0xff];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = readHeaderInt(file, in, "size of dimension " + i);
      if (dims[i] < 0) {
        throw new IOException(file + ": expected a dimension size >= 0, found " + Integer.toUnsignedString(dims[i])
            + " for dimension " + i);
      }
    }
    return dims;
  }

  private static int readHeaderInt(Path file, DataInputStream in, String what) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new IOException(
          file + ": truncated: expected the header's " + what + " (4 bytes), found the end of the file", e);
    }
  }

  private static String describe(int magic) {
    int type = (magic >>> 8) & 0xff;
    int rank = magic & 0xff;
    String what = switch (type) {
      case UNSIGNED_BYTE -> "unsigned bytes";
      case 0x09 -> "signed bytes";
      case 0x0B -> "shorts";
      case 0x0C -> "ints";
      case 0x0D -> "floats";
      case 0x0E -> "doubles";
      default -> String.format("unknown data type 0x%02X", type);
    };
    return what + ", " + rank + (rank == 1 ? " dimension" : " dimensions");
  }
}
