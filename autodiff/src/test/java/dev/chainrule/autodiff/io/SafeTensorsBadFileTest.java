package dev.chainrule.autodiff.io;

import static dev.chainrule.autodiff.io.SafeTensorsTest.file;
import static dev.chainrule.autodiff.io.SafeTensorsTest.floats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.testing.Allocations;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each malformed file is rejected with a message that starts with the file and names the problem. */
class SafeTensorsBadFileTest {
  @TempDir
  Path dir;

  private static final String ONE = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

  private String rejected(byte[] bytes) throws IOException {
    Path file = Files.write(dir.resolve("bad.safetensors"), bytes);
    TensorFileFormatException e = assertThrows(TensorFileFormatException.class, () -> SafeTensors.load(file));
    assertEquals(file, e.file());
    String prefix = file + ": ";
    assertEquals(prefix, e.getMessage().substring(0, prefix.length()));
    return e.getMessage().substring(prefix.length());
  }

  private String rejected(String header, byte[] data) throws IOException {
    return rejected(file(header, header.length(), data));
  }

  @Test
  void shorterThanTheLengthField() throws IOException {
    assertEquals("file is 5 bytes, too short for the 8-byte header length of a safetensors file",
        rejected(new byte[5]));
  }

  @Test
  void anEmptyFile() throws IOException {
    assertEquals("file is 0 bytes, too short for the 8-byte header length of a safetensors file",
        rejected(new byte[0]));
  }

  @Test
  void headerLengthBeyondTheFile() throws IOException {
    assertEquals("header length 60 runs past the end of the file, which is 64 bytes (truncated or not a"
        + " safetensors file?)", rejected(file(ONE, 60, new byte[2])));
  }

  @Test
  void headerLengthWithTheTopBitSet() throws IOException {
    byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array();
    assertEquals("header length 18446744073709551615 runs past the end of the file, which is 16 bytes"
        + " (truncated or not a safetensors file?)", rejected(bytes));
  }

  @Test
  void truncatedData() throws IOException {
    assertEquals("tensor 'a': data_offsets [0, 8] run past the end of the data, which is 6 bytes (truncated"
        + " file?)", rejected(ONE, new byte[6]));
  }

  @Test
  void trailingBytes() throws IOException {
    assertEquals("3 trailing bytes after the last tensor, which ends at data offset 8",
        rejected(ONE, new byte[11]));
  }

  @Test
  void invalidJson() throws IOException {
    assertEquals("invalid JSON header at character 5: expected an object, array, string or non-negative"
        + " integer but found 'd'", rejected("{\"a\":dtype}", new byte[0]));
    assertEquals("invalid JSON header at character 52: expected '}' but found the end of the header",
        rejected(ONE.substring(0, 52), floats(1f, 2f)));
    assertEquals("invalid JSON header at character 8: duplicate key \"a\"",
        rejected("{\"a\":{},\"a\":{}}", new byte[0]));
    assertEquals("invalid JSON header at character 56: unexpected 'x' after the JSON value",
        rejected(ONE + "  x", floats(1f, 2f)));
  }

  @Test
  void notUtf8() throws IOException {
    byte[] bytes = file("{\"x\":1}", 7, new byte[0]);
    bytes[10] = (byte) 0xff;
    assertEquals("header is not valid UTF-8", rejected(bytes));
  }

  @Test
  void wrongStructure() throws IOException {
    assertEquals("the header is not a JSON object: it starts with '['", rejected("[]", new byte[0]));
    assertEquals("tensor 'a': missing \"shape\"",
        rejected("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,0]}}", new byte[0]));
    assertEquals("tensor 'a': unexpected key \"strides\"", rejected(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4],\"strides\":[]}}", new byte[4]));
    assertEquals("tensor 'a': shape must be a list of non-negative integers",
        rejected("{\"a\":{\"dtype\":\"F32\",\"shape\":[\"2\"],\"data_offsets\":[0,8]}}", new byte[8]));
    assertEquals("\"__metadata__\" value of \"n\" must be a string",
        rejected("{\"__metadata__\":{\"n\":1}}", new byte[0]));
  }

  @Test
  void unsupportedDtype() throws IOException {
    assertEquals("tensor 'a': dtype \"BF16\" is not supported (chainrule reads F32, F64, I64 and BOOL)",
        rejected("{\"a\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]));
  }

  @Test
  void controlCharactersOfTheHeaderAreEscapedInTheMessage() throws IOException {
    // A damaged name may hold a newline or a terminal escape sequence; shown raw, it broke the one-line error.
    assertEquals("tensor 'a\\u000ab\\u001b[2J': dtype \"F\\u0000\" is not supported (chainrule reads F32, F64, I64 and BOOL)",
        rejected("{\"a\\nb\\u001b[2J\":{\"dtype\":\"F\\u0000\",\"shape\":[],\"data_offsets\":[0,4]}}",
            new byte[4]));
  }

  @Test
  void byteCountNotMatchingTheShape() throws IOException {
    assertEquals("tensor 'a': data_offsets [0, 12] hold 12 bytes, but shape (2, 3) of F32 needs 24",
        rejected("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,12]}}", new byte[12]));
  }

  @Test
  void offsetsThatOverlapLeaveAGapOrRunBackwards() throws IOException {
    assertEquals("tensor 'b': data_offsets [4, 12] overlap tensor 'a' [0, 8]", rejected(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]));
    assertEquals("tensor 'b': data_offsets [12, 20] leave a gap: bytes [8, 12) of the data belong to no tensor",
        rejected("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", new byte[20]));
    assertEquals("tensor 'a': data_offsets [8, 0] end before they begin",
        rejected("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", new byte[8]));
  }

  @Test
  void aShapeTooLargeForAnArray() throws IOException {
    assertEquals("tensor 'a': shape [65536, 65536] has more elements than a Java array can hold",
        rejected("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,0]}}", new byte[0]));
  }

  @Test
  void deeplyNestedJsonIsAFormatErrorNotAStackOverflow() throws IOException {
    // 10 KB of brackets used to overflow the recursive parser's stack: an Error, and a 1,000-line trace.
    String header = "{\"a\":" + "[".repeat(10_000);
    assertEquals("invalid JSON header at character 132: more than 128 nested arrays and objects",
        rejected(header, new byte[0]));
    String deepest = "{\"a\":" + "[".repeat(127) + "]".repeat(127) + "}";
    assertEquals("tensor 'a': entry must be an object with dtype, shape and data_offsets",
        rejected(deepest, new byte[0]), "128 levels are still JSON");
  }

  /** A file of {@code size} bytes (sparse: no disk written) whose length field claims a header of {@code n}. */
  private Path sparseFile(long n, long size) throws IOException {
    Path file = dir.resolve("large.safetensors");
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array());
      out.setLength(size);
    }
    return file;
  }

  @Test
  void aCorruptedHeaderLengthInALargeFileIsRefusedWithoutAllocatingIt() throws IOException {
    // The length field of a 64 MB file says the header is 60 MB, which is tensor data, not JSON. Reading all of
    // it before parsing needed 60 MB for the bytes and 120 MB for the characters just to find that out.
    Path file = sparseFile(60_000_000, 64_000_000);
    Allocations.Measured load = Allocations.measure(() -> SafeTensors.load(file));
    assertTrue(load.bytes() < 2_000_000, load.bytes() + " bytes allocated to refuse the file");
    assertInstanceOf(TensorFileFormatException.class, load.thrown());
    assertEquals(file + ": the header is not a JSON object: it starts with U+0000", load.thrown().getMessage());
  }

  @Test
  void aHeaderLengthOverTheReferenceLimitIsRefusedBeforeReadingIt() throws IOException {
    Path file = sparseFile(100_000_001, 100_000_100);
    Allocations.Measured load = Allocations.measure(() -> SafeTensors.readMetadata(file));
    assertInstanceOf(TensorFileFormatException.class, load.thrown());
    assertEquals(file + ": header length 100000001 exceeds the format's limit of 100000000 bytes",
        load.thrown().getMessage());
    assertTrue(load.bytes() < 1_000_000, load.bytes() + " bytes allocated to refuse the file");
  }

  @Test
  void aMissingFileOrADirectoryNamesThePathAndWhatFailed() throws IOException {
    Path missing = dir.resolve("nowhere.safetensors");
    NoSuchFileException gone = assertThrows(NoSuchFileException.class, () -> SafeTensors.load(missing));
    assertEquals(missing + ": cannot read safetensors file: no such file", gone.getMessage());
    gone = assertThrows(NoSuchFileException.class, () -> SafeTensors.readMetadata(missing));
    assertEquals(missing + ": cannot read safetensors file: no such file", gone.getMessage());

    Path folder = Files.createDirectory(dir.resolve("model.safetensors"));
    FileSystemException e = assertThrows(FileSystemException.class, () -> SafeTensors.load(folder));
    assertEquals(folder + ": cannot read safetensors file: it is a directory", e.getMessage());
  }
}
