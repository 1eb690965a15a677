package dev.chainrule.autodiff.io;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One tensor in NumPy's {@code .npy} format, readable by {@code numpy.load} and byte-for-byte what
 * {@code numpy.save} writes for the same array. Byte layout (format version 1.0):
 *
 * <pre>
 * offset 0    magic "\x93NUMPY"
 * offset 6    version: 1 0
 * offset 8    header length H, 2-byte little-endian unsigned (4 bytes in versions 2.0 and 3.0)
 * offset 10   H bytes of ASCII: {'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), } then spaces
 *             and a final '\n', so that the data starts on a multiple of 64 bytes
 * offset 10+H the values, row-major, little-endian: '&lt;f4' is FLOAT32, '&lt;f8' is FLOAT64,
 *             '&lt;i8' is INT64, '|b1' is BOOL (one byte, 0 or 1); a scalar has shape () and one value
 * </pre>
 *
 * <p>Loading accepts versions 1.0, 2.0 and 3.0 and rejects, with a {@link TensorFileFormatException} naming
 * the file and the problem, and with nothing else (no {@code Error}, no unchecked exception): a bad magic or
 * version, a header length past the end of the file or over 16 MiB, a header that is not the dictionary above,
 * a truncated file, big-endian or other dtypes, {@code fortran_order: True}, and bytes after the data. A
 * missing, unreadable or directory path is a {@link java.nio.file.FileSystemException} naming it. Saving writes
 * version 1.0 (2.0 when the header does not fit 65535 bytes) to a temporary file in the same directory and moves
 * it over the target atomically.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGNMENT = 64;
  /** Far above any real header (NumPy itself refuses 10000 bytes by default); bounds a corrupted length. */
  private static final int MAX_HEADER_BYTES = 1 << 24;
  private static final String FORMAT = ".npy";

  private Npy() {}

  /** Saves {@code tensor}'s values with its dtype and shape. */
  public static void save(Path file, Tensor tensor) throws IOException {
    checkNotNull(file, "save: file must not be null");
    checkNotNull(tensor, "save: tensor must not be null");
    byte[] dict = NpyHeader.format(tensor.dtype(), tensor.shape()).getBytes(StandardCharsets.US_ASCII);
    int version = 1;
    int prefix = MAGIC.length + 2 + 2;
    if (paddedLength(prefix, dict.length) > 0xFFFF) {
      version = 2;
      prefix = MAGIC.length + 2 + 4;
    }
    int headerLength = paddedLength(prefix, dict.length);
    ByteBuffer start = ByteBuffer.allocate(prefix + headerLength).order(ByteOrder.LITTLE_ENDIAN);
    start.put(MAGIC).put((byte) version).put((byte) 0);
    if (version == 1) {
      start.putShort((short) headerLength);
    } else {
      start.putInt(headerLength);
    }
    start.put(dict);
    while (start.position() < start.limit() - 1) {
      start.put((byte) ' ');
    }
    start.put((byte) '\n').flip();
    AtomicFile.write(file, channel -> {
      while (start.hasRemaining()) {
        channel.write(start);
      }
      LittleEndianData.write(channel, tensor);
    });
  }

  /**
   * Loads the array in {@code file} as a FLOAT32 ({@code <f4}), FLOAT64 ({@code <f8}), INT64 ({@code <i8}) or BOOL
   * ({@code |b1}) tensor.
   *
   * @throws TensorFileFormatException when the file is not an {@code .npy} file chainrule can read as it is
   * @throws NoSuchFileException when it does not exist; {@link FileSystemException} when it is a directory or
   *     cannot be opened; an {@link IOException} when reading it fails. Each names the file and what failed.
   */
  public static Tensor load(Path file) throws IOException {
    checkNotNull(file, "load: file must not be null");
    FileChannel channel = ReadableFile.open(file, FORMAT);
    try (channel) {
      return load(file, channel);
    } catch (IOException e) {
      throw ReadableFile.failure(file, FORMAT, e);
    }
  }

  private static Tensor load(Path file, FileChannel channel) throws IOException {
    long size = channel.size();
    checkLength(file, size, MAGIC.length + 4);
    ByteBuffer start = LittleEndianData.readFully(channel, MAGIC.length + 2);
    for (byte b : MAGIC) {
      if (start.get() != b) {
        throw new TensorFileFormatException(file, "not an .npy file: it does not start with \\x93NUMPY");
      }
    }
    int major = start.get();
    int minor = start.get();
    if (major < 1 || major > 3 || minor != 0) {
      throw new TensorFileFormatException(file, ".npy format version " + major + "." + minor
          + " is not supported (chainrule reads 1.0, 2.0 and 3.0)");
    }
    int lengthBytes = major == 1 ? 2 : 4;
    checkLength(file, size, MAGIC.length + 2 + lengthBytes);
    long headerLength = major == 1
        ? Short.toUnsignedInt(LittleEndianData.readFully(channel, 2).getShort())
        : Integer.toUnsignedLong(LittleEndianData.readFully(channel, 4).getInt());
    long dataStart = MAGIC.length + 2 + lengthBytes + headerLength;
    if (dataStart > size) {
      throw new TensorFileFormatException(file, "header length " + headerLength + " runs past the end of the"
          + " file, which is " + size + " bytes (truncated?)");
    }
    if (headerLength > MAX_HEADER_BYTES) {
      throw new TensorFileFormatException(file, "header length " + headerLength + " exceeds chainrule's limit"
          + " of " + MAX_HEADER_BYTES + " bytes");
    }
    // Latin-1 in versions 1.0 and 2.0, UTF-8 in 3.0; parsed as it is decoded, so a corrupted length costs
    // nothing beyond the characters before the first wrong one.
    HeaderText text = HeaderText.of(file, channel, headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1, "the .npy header is not valid UTF-8");
    NpyHeader.Parsed header = NpyHeader.parse(text);
    long needed = (long) header.shape().size() * LittleEndianData.elementBytes(header.dtype());
    if (size - dataStart != needed) {
      throw new TensorFileFormatException(file, (size - dataStart < needed ? "truncated: " : "trailing bytes: ")
          + "shape " + header.shape() + " of " + header.dtype() + " needs " + needed + " bytes of data, but "
          + (size - dataStart) + " follow the header");
    }
    channel.position(dataStart);
    return LittleEndianData.read(file, channel, header.shape(), header.dtype());
  }

  private static void checkLength(Path file, long size, int needed) throws TensorFileFormatException {
    if (size < needed) {
      throw new TensorFileFormatException(file, "file is " + size + " bytes, too short for an .npy header");
    }
  }

  /** NumPy's header length: the dictionary, at least one space, then '\n' ending on a multiple of 64. */
  private static int paddedLength(int prefix, int dictLength) {
    return dictLength + 1 + ALIGNMENT - (prefix + dictLength + 1) % ALIGNMENT;
  }
}
