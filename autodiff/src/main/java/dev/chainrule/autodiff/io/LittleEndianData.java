package dev.chainrule.autodiff.io;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Moves a tensor's row-major storage to and from little-endian bytes through a bounded buffer, so that a
 * tensor of any size is copied without a second full-size byte array.
 */
final class LittleEndianData {
  private static final int CHUNK_BYTES = 1 << 20;

  private LittleEndianData() {}

  /** Bytes per element of {@code dtype}. */
  static int elementBytes(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> Float.BYTES;
      case FLOAT64 -> Double.BYTES;
      case INT64 -> Long.BYTES;
      case BOOL -> 1;
    };
  }

  /** The number of bytes of {@code tensor}'s data. */
  static long byteCount(Tensor tensor) {
    return (long) tensor.size() * elementBytes(tensor.dtype());
  }

  /** Writes the values of {@code tensor} at the channel's position, row-major, little-endian. */
  static void write(FileChannel channel, Tensor tensor) throws IOException {
    int elementBytes = elementBytes(tensor.dtype());
    ByteBuffer buffer = chunk(tensor.size(), elementBytes);
    int perChunk = buffer.capacity() / elementBytes;
    for (int start = 0; start < tensor.size(); start += perChunk) {
      int n = Math.min(perChunk, tensor.size() - start);
      buffer.clear();
      switch (tensor.dtype()) {
        case FLOAT32 -> buffer.asFloatBuffer().put(tensor.rawFloats(), start, n);
        case FLOAT64 -> buffer.asDoubleBuffer().put(tensor.rawDoubles(), start, n);
        case INT64 -> buffer.asLongBuffer().put(tensor.rawLongs(), start, n);
        case BOOL -> {
          boolean[] values = tensor.rawBooleans();
          for (int i = 0; i < n; i++) {
            buffer.put(i, values[start + i] ? (byte) 1 : (byte) 0);
          }
        }
      }
      buffer.limit(n * elementBytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  /**
   * Reads a tensor of {@code shape} and {@code dtype} from the channel's position.
   *
   * @throws EOFException when the file ends first (it was checked to be long enough, so it changed meanwhile)
   * @throws TensorFileFormatException when a BOOL byte is neither 0 nor 1
   */
  static Tensor read(Path file, FileChannel channel, Shape shape, DType dtype) throws IOException {
    int size = shape.size();
    int elementBytes = elementBytes(dtype);
    float[] floats = dtype == DType.FLOAT32 ? new float[size] : null;
    double[] doubles = dtype == DType.FLOAT64 ? new double[size] : null;
    long[] longs = dtype == DType.INT64 ? new long[size] : null;
    boolean[] booleans = dtype == DType.BOOL ? new boolean[size] : null;
    ByteBuffer buffer = chunk(size, elementBytes);
    int perChunk = buffer.capacity() / elementBytes;
    for (int start = 0; start < size; start += perChunk) {
      int n = Math.min(perChunk, size - start);
      buffer.clear().limit(n * elementBytes);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          throw new EOFException("file ended while reading tensor data");
        }
      }
      buffer.flip();
      switch (dtype) {
        case FLOAT32 -> buffer.asFloatBuffer().get(floats, start, n);
        case FLOAT64 -> buffer.asDoubleBuffer().get(doubles, start, n);
        case INT64 -> buffer.asLongBuffer().get(longs, start, n);
        case BOOL -> readBooleans(file, buffer, booleans, start, n);
      }
    }
    return switch (dtype) {
      case FLOAT32 -> Tensor.wrap(shape, floats);
      case FLOAT64 -> Tensor.wrap(shape, doubles);
      case INT64 -> Tensor.wrap(shape, longs);
      case BOOL -> Tensor.wrap(shape, booleans);
    };
  }

  private static void readBooleans(Path file, ByteBuffer buffer, boolean[] into, int start, int n)
      throws TensorFileFormatException {
    for (int i = 0; i < n; i++) {
      byte b = buffer.get(i);
      if (b != 0 && b != 1) {
        throw new TensorFileFormatException(file, "bool element " + (start + i) + " is the byte " + b + "; a bool is 0"
            + " or 1");
      }
      into[start + i] = b == 1;
    }
  }

  /** The next {@code n} bytes of the channel in a little-endian buffer ready to read. */
  static ByteBuffer readFully(FileChannel channel, int n) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException("file ended while reading " + n + " bytes");
      }
    }
    return buffer.flip();
  }

  private static ByteBuffer chunk(int elements, int elementBytes) {
    int bytes = (int) Math.min(CHUNK_BYTES, Math.max(elementBytes, (long) elements * elementBytes));
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
