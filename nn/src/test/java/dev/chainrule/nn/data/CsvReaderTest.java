package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.Allocations;
import java.io.ByteArrayOutputStream;
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

class CsvReaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static final CsvReader DEFAULT = CsvReader.builder().build();

  @Test
  void numbersWithTheLabelInTheLastColumn() throws IOException {
    TensorDataset data = DEFAULT.read(write("good.csv", "1,2.5,0\n-3, 4e-1 ,1\n\n.5,+6.,2\n"));
    assertEquals(Shape.of(3, 2), data.features().shape());
    assertEquals(DType.FLOAT32, data.features().dtype());
    assertArrayEquals(new float[] {1, 2.5f, -3, 0.4f, 0.5f, 6}, data.features().toFloatArray());
    assertArrayEquals(new float[] {0, 1, 2}, data.labels().toFloatArray());
  }

  @Test
  void headerSkippedAndLabelColumnChosen() throws IOException {
    Path file = write("header.csv", "label,x,y\n1,10,20\n0,30,40\n");
    TensorDataset data = CsvReader.builder().header(true).labelColumn(0).build().read(file);
    assertArrayEquals(new float[] {10, 20, 30, 40}, data.features().toFloatArray());
    assertArrayEquals(new float[] {1, 0}, data.labels().toFloatArray());

    TensorDataset middle = CsvReader.builder().header(true).labelColumn(-2).build().read(file);
    assertArrayEquals(new float[] {10, 30}, middle.labels().toFloatArray());
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Test
  void gzippedContentIsRecognised() throws IOException {
    Path file = Files.write(dir.resolve("data.csv"), gzip("1,2,3\n"));
    assertArrayEquals(new float[] {1, 2}, DEFAULT.read(file).features().toFloatArray());
  }

  @Test
  void raggedRowNamesTheLineAndBothCounts() throws IOException {
    Path file = write("ragged.csv", "h1,h2,h3\n1,2,3\n4,5,6\n7,8\n");
    DataFileFormatException e = assertThrows(DataFileFormatException.class,
        () -> CsvReader.builder().header(true).build().read(file));
    assertEquals(file + " line 4: expected 3 columns (as on line 2), found 2", e.getMessage());
  }

  @Test
  void nonNumericCellNamesLineColumnAndText() throws IOException {
    Path file = write("words.csv", "1,2,3\n4,five,6\n");
    DataFileFormatException e = assertThrows(DataFileFormatException.class, () -> DEFAULT.read(file));
    assertEquals(file + " line 2, column 2: expected a number, found 'five'", e.getMessage());

    Path empty = write("empty-cell.csv", "1,,3\n");
    e = assertThrows(DataFileFormatException.class, () -> DEFAULT.read(empty));
    assertEquals(empty + " line 1, column 2: expected a number, found an empty cell", e.getMessage());

    Path nan = write("nan.csv", "1,NaN,3\n");
    e = assertThrows(DataFileFormatException.class, () -> DEFAULT.read(nan));
    assertEquals(nan + " line 1, column 2: expected a number, found 'NaN'", e.getMessage());

    Path huge = write("huge.csv", "1,1e39,3\n");
    e = assertThrows(DataFileFormatException.class, () -> DEFAULT.read(huge));
    assertEquals(huge + " line 1, column 2: expected a number within float range, found 1e39", e.getMessage());
  }

  @Test
  void controlCharactersOfACellAreEscapedInTheMessage() throws IOException {
    // A cell may hold a terminal escape sequence; shown raw, it cleared the screen of whoever read the error.
    Path file = write("escape.csv", "1,2\u001b[2J,3\n");
    DataFileFormatException e = assertThrows(DataFileFormatException.class, () -> DEFAULT.read(file));
    assertEquals(file + " line 1, column 2: expected a number, found '2\\u001b[2J'", e.getMessage());
  }

  @Test
  void aFileWithoutRowsHoldsNoSamples() throws IOException {
    Path headerOnly = write("header-only.csv", "a,b\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvReader.builder().header(true).build().read(headerOnly));
    assertEquals(headerOnly + ": holds no samples: expected at least one data row, found none", e.getMessage());
    Path blank = write("blank.csv.gz", "");
    e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.readFeatures(blank));
    assertEquals(blank + ": holds no samples: expected at least one data row, found none", e.getMessage());
    Path empty = write("empty.csv", "");
    e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.read(empty));
    assertEquals(empty + ": holds no samples: expected at least one data row, found none", e.getMessage());
    Path blankLines = write("blank-lines.csv", "\uFEFF\n \r\n\n");
    e = assertThrows(IllegalArgumentException.class, () -> DEFAULT.read(blankLines));
    assertEquals(blankLines + ": holds no samples: expected at least one data row, found none", e.getMessage());
  }

  @Test
  void aFileWithoutTheLabelColumnIsAnError() throws IOException {
    Path narrow = write("narrow.csv", "1,2\n");
    DataFileFormatException e = assertThrows(DataFileFormatException.class,
        () -> CsvReader.builder().labelColumn(5).build().read(narrow));
    assertEquals(narrow + " line 1: expected at least 2 columns including label column 5 (0 is the first, -1 the"
        + " last), found 2 columns", e.getMessage());
  }

  @Test
  void featuresOnlyFilesKeepEveryColumn() throws IOException {
    Tensor features = DEFAULT.readFeatures(write("samples.csv", "1,2,3\n4,5,6\n"));
    assertEquals(Shape.of(2, 3), features.shape());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, features.toFloatArray());
  }

  @Test
  void aUtf8ByteOrderMarkIsSkipped() throws IOException {
    Path file = write("bom.csv", "\uFEFF1,2,0\n3,4,1\n");
    assertArrayEquals(new float[] {1, 2, 3, 4}, DEFAULT.read(file).features().toFloatArray());
    Path gz = Files.write(dir.resolve("bom.csv.gz"), gzip("\uFEFFx,label\n5,1\n"));
    assertArrayEquals(new float[] {5}, CsvReader.builder().header(true).build().read(gz).features().toFloatArray());
  }

  @Test
  void aLineOfMillionsOfCharactersFailsAtTheLimitWithoutBeingHeld() throws IOException {
    String line = "1,".repeat(1_500_000) + "0\n";
    Path file = write("wide.csv", "1,0\n" + line);
    Allocations.Measured read = Allocations.measure(() -> DEFAULT.read(file));
    assertInstanceOf(DataFileFormatException.class, read.thrown());
    assertEquals(file + " line 2: longer than the limit of 1048576 characters (CsvReader.Builder.maxLineLength)",
        read.thrown().getMessage());
    assertTrue(read.bytes() < 16 << 20, read.bytes() + " bytes allocated to refuse the file");

    Path eleven = write("eleven.csv", "1,2,3,4,5,6\r\n");
    assertEquals(eleven + " line 1: longer than the limit of 10 characters (CsvReader.Builder.maxLineLength)",
        assertThrows(DataFileFormatException.class,
            () -> CsvReader.builder().maxLineLength(10).build().read(eleven)).getMessage());
    assertEquals(Shape.of(1, 5), CsvReader.builder().maxLineLength(11).build().read(eleven).features().shape());
    assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().maxLineLength(0));
  }

  @Test
  void aTruncatedOrCorruptGzippedCsvNamesTheFile() throws IOException {
    byte[] gz = gzip("1.5,2.5,0\n".repeat(10_000));
    Path cut = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(gz, gz.length / 2));
    DataFileFormatException e = assertThrows(DataFileFormatException.class, () -> DEFAULT.read(cut));
    assertEquals(cut + ": truncated: the gzip stream ends inside the compressed data of member 1", e.getMessage());

    byte[] padded = Arrays.copyOf(gz, gz.length + 3);
    Path trailing = Files.write(dir.resolve("padded.csv.gz"), padded);
    e = assertThrows(DataFileFormatException.class, () -> DEFAULT.read(trailing));
    assertTrue(e.getMessage().startsWith(trailing + ": corrupt gzip data: bytes after the end"), e.getMessage());

    e = assertThrows(DataFileFormatException.class,
        () -> DEFAULT.read(new java.io.ByteArrayInputStream(Arrays.copyOf(gz, 100)), "upload"));
    assertEquals("upload", e.source());
    assertTrue(e.getMessage().startsWith("upload: truncated: "), e.getMessage());
  }

  @Test
  void aMissingFileOrADirectoryNamesThePathAndWhatFailed() throws IOException {
    Path missing = dir.resolve("nowhere.csv");
    NoSuchFileException gone = assertThrows(NoSuchFileException.class, () -> DEFAULT.read(missing));
    assertEquals(missing + ": cannot read CSV file: no such file", gone.getMessage());
    gone = assertThrows(NoSuchFileException.class, () -> DEFAULT.readFeatures(missing));
    assertEquals(missing + ": cannot read CSV file: no such file", gone.getMessage());

    Path folder = Files.createDirectory(dir.resolve("data.csv"));
    FileSystemException e = assertThrows(FileSystemException.class, () -> DEFAULT.read(folder));
    assertEquals(folder + ": cannot read CSV file: it is a directory", e.getMessage());
  }
}
