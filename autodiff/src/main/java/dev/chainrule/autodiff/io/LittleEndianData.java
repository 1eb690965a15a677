package dev.chainrule.autodiff.io;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Moves a tensor's row-major storage to and from little-endian bytes through a bounded buffer, so that a
 * tensor of any size is copied without a second full-size byte array.
 */
final class LittleEndianData {
  private static final int CHUNK_BYTES = 1 << 20;

  private LittleEndianData() {}

  /** Bytes per element of {@code dtype}. */
  static int elementBytes(DType dtype) {
    return dtype == DType.FLOAT64 ? Double.BYTES : Float.BYTES;
  }

  /** The number of bytes of {@code tensor}'s data. */
  static long byteCount(Tensor tensor) {
    return (long) tensor.size() * elementBytes(tensor.dtype());
  }

  /** Writes the values of {@code tensor} at the channel's position, row-major, little-endian. */
  static void write(FileChannel channel, Tensor tensor) throws IOException {
    boolean doubles = tensor.dtype() == DType.FLOAT64;
    int elementBytes = elementBytes(tensor.dtype());
    ByteBuffer buffer = chunk(tensor.size(), elementBytes);
    int perChunk = buffer.capacity() / elementBytes;
    for (int start = 0; start < tensor.size(); start += perChunk) {
      int n = Math.min(perChunk, tensor.size() - start);
      buffer.clear();
      if (doubles) {
        buffer.asDoubleBuffer().put(tensor.rawDoubles(), start, n);
      } else {
        buffer.asFloatBuffer().put(tensor.rawFloats(), start, n);
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
   */
  static Tensor read(FileChannel channel, Shape shape, DType dtype) throws IOException {
    int size = shape.size();
    int elementBytes = elementBytes(dtype);
    float[] floats = dtype == DType.FLOAT32 ? new float[size] : null;
    double[] doubles = dtype == DType.FLOAT64 ? new double[size] : null;
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
      if (doubles != null) {
        buffer.asDoubleBuffer().get(doubles, start, n);
      } else {
        buffer.asFloatBuffer().get(floats, start, n);
      }
    }
    return doubles != null ? Tensor.wrap(shape, doubles) : Tensor.wrap(shape, floats);
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
