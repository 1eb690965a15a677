package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
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

/**
 * Reads unsigned-byte IDX files, the format of MNIST and Fashion-MNIST, plain or gzipped (recognised by the
 * gzip magic bytes, not the file name). An IDX file is a big-endian header, magic number {@code 0x000008NN}
 * (data type {@code 0x08}, unsigned byte; {@code NN} dimensions), then {@code NN} 32-bit dimension sizes, then
 * exactly the product of the sizes in bytes.
 *
 * <p>Every read throws, for a bad file, exactly one of these, each naming the file and what failed:
 *
 * <ul>
 *   <li>{@link DataFileFormatException} for a malformed file: a wrong magic number, a truncated header or data,
 *       bytes after the data, dimensions whose product exceeds what an array holds (refused, not wrapped), a
 *       gzip stream that is corrupt, ends early or has bytes after its last member, and a gzipped file whose
 *       header declares more than 100 times its compressed size (a gzip bomb, refused before inflating it);
 *   <li>{@link IllegalArgumentException} for a well-formed file that holds no samples (0 images or labels);
 *   <li>{@link java.nio.file.NoSuchFileException} or another {@link java.nio.file.FileSystemException} for a
 *       path that is missing, a directory or unreadable, and an {@link IOException} when reading fails.
 * </ul>
 *
 * <p>Data is read as it arrives, so memory follows the bytes actually in the file, never the header's claim.
 */
public final class IdxReader {
  /** Magic number of a label file: unsigned bytes, one dimension. */
  public static final int LABELS_MAGIC = 0x00000801;
  /** Magic number of an image file: unsigned bytes, three dimensions (count, rows, columns). */
  public static final int IMAGES_MAGIC = 0x00000803;

  private static final int UNSIGNED_BYTE = 0x08;
  private static final int MAX_BYTES = Integer.MAX_VALUE - 8;
  /** The most a gzipped file may expand: far above real IDX data, far below deflate's 1032 to 1 for zeros. */
  private static final long MAX_EXPANSION = 100;
  /** Files declaring no more than this are read whatever their ratio (a small file of blank images). */
  private static final long MIN_REFUSED_BYTES = 16L << 20;
  private static final String FORMAT = "IDX";

  private IdxReader() {}

  /** The labels of an {@code idx1-ubyte} file: INT64 of shape {@code (n)}, values 0..255. */
  public static Tensor readLabels(Path file) throws IOException {
    return read(file, LABELS_MAGIC, 1f).to(DType.INT64);
  }

  /** The images of an {@code idx3-ubyte} file: FLOAT32 of shape {@code (n, rows, columns)}, values 0..255. */
  public static Tensor readImages(Path file) throws IOException {
    return read(file, IMAGES_MAGIC, 1f);
  }

  /**
   * Images and their labels as one dataset: features FLOAT32 of shape {@code (n, 1, rows, columns)} (NCHW, one
   * grey channel; {@link TensorDataset#flatten()} gives {@code (n, rows * columns)}) scaled to {@code [0, 1]}
   * (pixel / 255), labels INT64 of shape {@code (n)}; the two files must hold the same count.
   */
  public static TensorDataset read(Path images, Path labels) throws IOException {
    Tensor pixels = read(images, IMAGES_MAGIC, 255f);
    Tensor classes = readLabels(labels);
    int n = pixels.shape().dim(0);
    if (classes.shape().dim(0) != n) {
      throw new DataFileFormatException(labels.toString(), labels + ": expected one label for each of the " + n
          + " images in " + images + ", found " + classes.shape().dim(0) + " labels");
    }
    Shape shape = pixels.shape();
    return new TensorDataset(pixels.viewAs(Shape.of(n, 1, shape.dim(1), shape.dim(2))), classes);
  }

  private static Tensor read(Path file, int expectedMagic, float divisor) throws IOException {
    checkNotNull(file, "IdxReader: file must not be null");
    InputStream raw = DataFiles.open(file, FORMAT);
    try (raw; InputStream in = Gzip.maybeDecompress(raw)) {
      DataInputStream data = new DataInputStream(in);
      int[] dims = header(file, data, expectedMagic);
      long count = byteCount(file, dims);
      if (in instanceof Gzip) {
        checkExpansion(file, Integer.BYTES * (1L + dims.length) + count, dims);
      }
      byte[] bytes = data(file, data, dims, (int) count);
      checkArgument(dims[0] > 0, "%s: holds no samples: its IDX header declares 0 %s", file,
          expectedMagic == IMAGES_MAGIC ? "images" : "labels");
      float[] values = new float[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        values[i] = (bytes[i] & 0xff) / divisor;
      }
      return Tensor.wrap(Shape.of(dims), values);
    } catch (IOException e) {
      throw DataFiles.failure(file.toString(), FORMAT, e);
    }
  }

  /** The product of {@code dims}, refused when it exceeds what an array holds rather than wrapped. */
  private static long byteCount(Path file, int[] dims) throws DataFileFormatException {
    long count = 1;
    for (int dim : dims) {
      count = Math.min(count * dim, 1L << 32); // saturates instead of overflowing; any dimension 0 gives 0
    }
    if (count > MAX_BYTES) {
      throw new DataFileFormatException(file.toString(), file + ": expected at most " + MAX_BYTES + " bytes of"
          + " data, found dimensions " + shape(dims) + " in the header");
    }
    return count;
  }

  /**
   * Refuses a gzipped file whose header declares far more bytes than the compressed file could plausibly hold,
   * before inflating any data: a gzip bomb of zeros deflates about 1000 to 1, real images and labels less than
   * 10 to 1 (MNIST about 5, Fashion-MNIST about 2).
   */
  private static void checkExpansion(Path file, long declared, int[] dims) throws IOException {
    long compressed = Files.size(file);
    if (declared > Math.max(MIN_REFUSED_BYTES, MAX_EXPANSION * compressed)) {
      throw new DataFileFormatException(file.toString(), file + ": its header declares " + declared + " bytes for"
          + " dimensions " + shape(dims) + ", " + declared / compressed + " times the " + compressed + " bytes of"
          + " gzip on disk; refusing it as a likely gzip bomb (real IDX data compresses less than " + MAX_EXPANSION
          + " to 1)");
    }
  }

  /** Exactly {@code count} bytes, the rest of the file, read as they come (never allocated ahead of them). */
  private static byte[] data(Path file, InputStream in, int[] dims, int count) throws IOException {
    String expected = "expected " + count + " bytes of data for dimensions " + shape(dims);
    byte[] bytes = in.readNBytes(count);
    if (bytes.length < count) {
      throw new DataFileFormatException(file.toString(), file + ": truncated: " + expected + ", found "
          + bytes.length);
    }
    if (in.read() != -1) {
      throw new DataFileFormatException(file.toString(), file + ": " + expected + ", found more bytes after them");
    }
    return bytes;
  }

  private static String shape(int[] dims) {
    return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  /** Checks the magic number and reads the dimension sizes. */
  private static int[] header(Path file, DataInputStream in, int expectedMagic) throws IOException {
    int magic = readHeaderInt(file, in, "magic number");
    if (magic != expectedMagic) {
      throw new DataFileFormatException(file.toString(), String.format(
          "%s: expected IDX magic number 0x%08X (%s), found 0x%08X%s", file, expectedMagic,
          describe(expectedMagic), magic, magic >>> 16 == 0 ? " (" + describe(magic) + ")" : ""));
    }
    int[] dims = new int[magic & 0xff];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = readHeaderInt(file, in, "size of dimension " + i);
      if (dims[i] < 0) {
        throw new DataFileFormatException(file.toString(), file + ": expected a dimension size >= 0, found "
            + Integer.toUnsignedString(dims[i]) + " for dimension " + i);
      }
    }
    return dims;
  }

  private static int readHeaderInt(Path file, DataInputStream in, String what) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new DataFileFormatException(file.toString(),
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
