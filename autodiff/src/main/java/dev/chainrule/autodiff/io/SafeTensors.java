package dev.chainrule.autodiff.io;

import static com.google.common.base.Preconditions.checkArgument;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named tensors in the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, as the
 * Python {@code safetensors} package reads and writes it. Byte layout:
 *
 * <pre>
 * offset 0       8-byte little-endian unsigned header length N
 * offset 8       N bytes of UTF-8 JSON, padded with spaces to a multiple of 8:
 *                {"__metadata__":{"key":"value",...},
 *                 "name":{"dtype":"F32","shape":[2,3],"data_offsets":[begin,end]}, ...}
 * offset 8 + N   the data: each tensor's values row-major, little-endian, at [begin, end) of this section;
 *                the tensors tile the section exactly, without gaps or overlap, to the end of the file
 * </pre>
 *
 * <p>FLOAT32 is {@code F32}, FLOAT64 {@code F64}, INT64 {@code I64} and BOOL {@code BOOL} (one byte, 0 or 1);
 * other dtypes ({@code F16}, {@code BF16}, {@code I32}, ...) are rejected when read. A scalar has shape {@code []}; a zero-size tensor has {@code begin == end}.
 * {@code __metadata__} is optional, a map of strings to strings.
 *
 * <p>Loading reads and checks the whole header against the file's length before reading any data, and builds
 * the result privately, so it either returns every tensor or throws. Every malformed file (truncated, a header
 * length past the end of the file or over the reference limit of 100,000,000 bytes, JSON that is invalid or
 * nested more than {@value Json#MAX_DEPTH} deep, a wrong entry, offsets that do not tile the data) is a
 * {@link TensorFileFormatException} naming the file and the problem, and nothing else: no {@code Error}, no
 * unchecked exception. The header is parsed as it is read, so a corrupted length costs no more memory than the
 * characters before the first wrong one. A missing, unreadable or directory path is a
 * {@link java.nio.file.FileSystemException} naming it. Saving writes a temporary file in the same directory and
 * moves it over the target atomically.
 */
public final class SafeTensors {
  /** The reference implementation's limit on the header length ({@code MAX_HEADER_SIZE}). */
  private static final long MAX_HEADER_BYTES = 100_000_000;
  private static final String FORMAT = "safetensors";

  private SafeTensors() {}

  /** Saves {@code tensors} in iteration order, without metadata. */
  public static void save(Path file, Map<String, Tensor> tensors) throws IOException {
    save(file, tensors, Map.of());
  }

  /**
   * Saves {@code tensors} in iteration order (pass a {@link LinkedHashMap} to keep an order) with
   * {@code metadata}, written under {@code __metadata__} sorted by key and omitted when empty.
   *
   * @throws IllegalArgumentException when a tensor is named {@code __metadata__}
   */
  public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    checkNotNull(file, "save: file must not be null");
    tensors.forEach((name, tensor) -> {
      checkArgument(!name.equals(SafeTensorsHeader.METADATA_KEY), "save: %s is reserved for metadata, not a"
          + " tensor name", name);
      checkNotNull(tensor, "save: tensor '%s' is null", name);
    });
    metadata.forEach((key, value) -> checkNotNull(value, "save: metadata value of '%s' is null", key));
    byte[] header = SafeTensorsHeader.format(tensors, metadata);
    AtomicFile.write(file, channel -> {
      ByteBuffer start = ByteBuffer.allocate(Long.BYTES + header.length).order(ByteOrder.LITTLE_ENDIAN);
      start.putLong(header.length).put(header).flip();
      while (start.hasRemaining()) {
        channel.write(start);
      }
      for (Tensor tensor : tensors.values()) {
        LittleEndianData.write(channel, tensor);
      }
    });
  }

  /**
   * Loads every tensor of {@code file}, in the order of their data (for files written by {@link #save}, the
   * order they were saved in).
   *
   * @throws TensorFileFormatException when the file is not a valid safetensors file of F32, F64, I64 and BOOL tensors
   * @throws NoSuchFileException when it does not exist; {@link FileSystemException} when it is a directory or
   *     cannot be opened; an {@link IOException} when reading it fails. Each names the file and what failed.
   */
  public static LinkedHashMap<String, Tensor> load(Path file) throws IOException {
    checkNotNull(file, "load: file must not be null");
    FileChannel channel = ReadableFile.open(file, FORMAT);
    try (channel) {
      SafeTensorsHeader.Parsed header = readHeader(file, channel);
      LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
      for (SafeTensorsHeader.Entry e : header.entries()) {
        tensors.put(e.name(), LittleEndianData.read(file, channel, e.shape(), e.dtype()));
      }
      return tensors;
    } catch (IOException e) {
      throw ReadableFile.failure(file, FORMAT, e);
    }
  }

  /**
   * The {@code __metadata__} of {@code file}, empty when it has none; the header is validated as by
   * {@link #load}, with the same exceptions, but no tensor data is read.
   */
  public static Map<String, String> readMetadata(Path file) throws IOException {
    checkNotNull(file, "readMetadata: file must not be null");
    FileChannel channel = ReadableFile.open(file, FORMAT);
    try (channel) {
      return Collections.unmodifiableMap(readHeader(file, channel).metadata());
    } catch (IOException e) {
      throw ReadableFile.failure(file, FORMAT, e);
    }
  }

  /**
   * Reads and validates the header, leaving the channel at the start of the data. The length field is checked
   * against the file's size and the format's limit first, and the header is then parsed as it is decoded, so a
   * corrupted length is refused without reading, let alone allocating, what it claims.
   */
  private static SafeTensorsHeader.Parsed readHeader(Path file, FileChannel channel) throws IOException {
    long size = channel.size();
    if (size < Long.BYTES) {
      throw new TensorFileFormatException(file, "file is " + size + " bytes, too short for the 8-byte header"
          + " length of a safetensors file");
    }
    long n = LittleEndianData.readFully(channel, Long.BYTES).getLong();
    if (Long.compareUnsigned(n, size - Long.BYTES) > 0) {
      throw new TensorFileFormatException(file, "header length " + Long.toUnsignedString(n) + " runs past the"
          + " end of the file, which is " + size + " bytes (truncated or not a safetensors file?)");
    }
    if (n > MAX_HEADER_BYTES) {
      throw new TensorFileFormatException(file, "header length " + n + " exceeds the format's limit of "
          + MAX_HEADER_BYTES + " bytes");
    }
    HeaderText text = HeaderText.of(file, channel, n, StandardCharsets.UTF_8, "header is not valid UTF-8");
    SafeTensorsHeader.Parsed header = SafeTensorsHeader.parse(text, size - Long.BYTES - n);
    channel.position(Long.BYTES + n);
    return header;
  }
}
