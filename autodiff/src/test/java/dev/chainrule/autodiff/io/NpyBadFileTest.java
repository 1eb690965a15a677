package dev.chainrule.autodiff.io;

import static dev.chainrule.autodiff.io.NpyTest.npy;
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
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each malformed .npy file is rejected with a message that starts with the file and names the problem. */
class NpyBadFileTest {
  @TempDir
  Path dir;

  private static String header(String descr, String fortran, String shape) {
    return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }\n";
  }

  private String rejected(byte[] bytes) throws IOException {
    Path file = Files.write(dir.resolve("bad.npy"), bytes);
    TensorFileFormatException e = assertThrows(TensorFileFormatException.class, () -> Npy.load(file));
    String prefix = file + ": ";
    assertEquals(prefix, e.getMessage().substring(0, prefix.length()));
    return e.getMessage().substring(prefix.length());
  }

  @Test
  void badMagic() throws IOException {
    byte[] bytes = npy(1, header("<f4", "False", "(1,)"), new byte[4]);
    bytes[1] = 'n';
    assertEquals("not an .npy file: it does not start with \\x93NUMPY", rejected(bytes));
  }

  @Test
  void tooShortOrTruncated() throws IOException {
    assertEquals("file is 3 bytes, too short for an .npy header", rejected(new byte[] {(byte) 0x93, 'N', 'U'}));
    byte[] whole = npy(1, header("<f4", "False", "(3,)"), new byte[12]);
    assertEquals("header length 58 runs past the end of the file, which is 40 bytes (truncated?)",
        rejected(Arrays.copyOf(whole, 40)));
    assertEquals("truncated: shape (3,) of float32 needs 12 bytes of data, but 10 follow the header",
        rejected(Arrays.copyOf(whole, whole.length - 2)));
  }

  @Test
  void anEmptyFile() throws IOException {
    assertEquals("file is 0 bytes, too short for an .npy header", rejected(new byte[0]));
  }

  @Test
  void trailingBytes() throws IOException {
    assertEquals("trailing bytes: shape (2, 0) of float64 needs 0 bytes of data, but 1 follow the header",
        rejected(npy(1, header("<f8", "False", "(2, 0)"), new byte[1])));
  }

  @Test
  void unsupportedVersion() throws IOException {
    byte[] bytes = npy(1, header("<f4", "False", "()"), new byte[4]);
    bytes[6] = 4;
    assertEquals(".npy format version 4.0 is not supported (chainrule reads 1.0, 2.0 and 3.0)", rejected(bytes));
  }

  @Test
  void bigEndianOtherDtypesAndFortranOrder() throws IOException {
    assertEquals("invalid .npy header {'descr': '>f4', 'fortran_order': False, 'shape': (), }: big-endian data"
        + " ('>f4') is not supported; re-save it with arr.astype('<f4')",
        rejected(npy(1, header(">f4", "False", "()"), new byte[4])));
    assertEquals("invalid .npy header {'descr': '<i4', 'fortran_order': False, 'shape': (), }: dtype '<i4' is"
        + " not supported (chainrule reads '<f4', '<f8', '<i8' and '|b1')",
        rejected(npy(1, header("<i4", "False", "()"), new byte[4])));
    assertEquals("invalid .npy header {'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }: fortran_order"
        + " True (column-major) is not supported; save a C-ordered array (np.ascontiguousarray)",
        rejected(npy(1, header("<f4", "True", "(2, 2)"), new byte[16])));
  }

  @Test
  void corruptedHeader() throws IOException {
    assertEquals("invalid .npy header {'descr': '<f4', 'fortran_order': False, 'shape': (3), }: shape (3) is not"
        + " a tuple; a 1-D shape is written (3,)", rejected(npy(1, header("<f4", "False", "(3)"), new byte[12])));
    assertEquals("invalid .npy header {'descr': '<f4', 'shape': (), }: the header must have 'descr',"
        + " 'fortran_order' and 'shape'", rejected(npy(1, "{'descr': '<f4', 'shape': (), }", new byte[4])));
    assertEquals("invalid .npy header {'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }: expected a"
        + " non-negative integer dimension", rejected(npy(1, header("<f4", "False", "(-1,)"), new byte[0])));
    assertEquals("invalid .npy header {'descr': '<f4' 'shape': ()}: expected '}' at character 16",
        rejected(npy(1, "{'descr': '<f4' 'shape': ()}", new byte[0])));
    assertEquals("invalid .npy header {'descr': '<f4', 'fortran_order': False, 'shape': (), } x: unexpected text"
        + " after the dictionary: x", rejected(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), } x",
        new byte[4])));
  }

  @Test
  void controlCharactersOfTheHeaderAreEscapedInTheMessage() throws IOException {
    // A damaged header may hold a newline or a terminal escape sequence; shown raw, it broke the one-line error.
    assertEquals("invalid .npy header {'descr\\u000a': '<f4', 'fortran_order': False, 'shape': (), }\\u001b[2J:"
        + " unexpected key 'descr\\u000a'", rejected(npy(1,
        "{'descr\n': '<f4', 'fortran_order': False, 'shape': (), }\u001b[2J", new byte[4])));
  }

  @Test
  void nestedBracketsInTheHeaderAreAFormatError() throws IOException {
    // The header is a Python dict literal; its parser does not recurse, so nesting is just a wrong token, and
    // the message shows the start of the header, not all 10 KB of it.
    String header = header("<f4", "False", "(".repeat(10_000));
    assertEquals("invalid .npy header " + header.substring(0, 117) + "...: expected a non-negative integer"
        + " dimension", rejected(npy(2, header, new byte[0])));
  }

  @Test
  void aCorruptedHeaderLengthInALargeFileIsRefusedWithoutAllocatingIt() throws IOException {
    // Version 2.0 has a 4-byte header length; here it claims 15 MB of a 16 MB file, all zeros, not a header.
    Path file = dir.resolve("large.npy");
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.write(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x93).put("NUMPY".getBytes())
          .put((byte) 2).put((byte) 0).putInt(15_000_000).array());
      out.setLength(16_000_000);
    }
    Allocations.Measured load = Allocations.measure(() -> Npy.load(file));
    assertInstanceOf(TensorFileFormatException.class, load.thrown());
    assertTrue(load.thrown().getMessage().endsWith(": expected '{' at character 0"), load.thrown().getMessage());
    assertTrue(load.bytes() < 2_000_000, load.bytes() + " bytes allocated to refuse the file");
  }

  @Test
  void aMissingFileOrADirectoryNamesThePathAndWhatFailed() throws IOException {
    Path missing = dir.resolve("nowhere.npy");
    NoSuchFileException gone = assertThrows(NoSuchFileException.class, () -> Npy.load(missing));
    assertEquals(missing + ": cannot read .npy file: no such file", gone.getMessage());

    Path folder = Files.createDirectory(dir.resolve("array.npy"));
    FileSystemException e = assertThrows(FileSystemException.class, () -> Npy.load(folder));
    assertEquals(folder + ": cannot read .npy file: it is a directory", e.getMessage());
  }
}
