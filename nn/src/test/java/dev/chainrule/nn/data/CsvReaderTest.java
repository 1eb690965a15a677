package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import dev.chainrule.autodiff.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void gzippedContentIsRecognised() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write("1,2,3\n".getBytes(StandardCharsets.UTF_8));
    }
    Path file = Files.write(dir.resolve("data.csv"), bytes.toByteArray());
    assertArrayEquals(new float[] {1, 2}, DEFAULT.read(file).features().toFloatArray());
  }

  @Test
  void raggedRowNamesTheLineAndBothCounts() throws IOException {
    Path file = write("ragged.csv", "h1,h2,h3\n1,2,3\n4,5,6\n7,8\n");
    IOException e = assertThrows(IOException.class, () -> CsvReader.builder().header(true).build().read(file));
    assertEquals(file + " line 4: expected 3 columns (as on line 2), found 2", e.getMessage());
  }

  @Test
  void nonNumericCellNamesLineColumnAndText() throws IOException {
    Path file = write("words.csv", "1,2,3\n4,five,6\n");
    IOException e = assertThrows(IOException.class, () -> DEFAULT.read(file));
    assertEquals(file + " line 2, column 2: expected a number, found 'five'", e.getMessage());

    Path empty = write("empty-cell.csv", "1,,3\n");
    e = assertThrows(IOException.class, () -> DEFAULT.read(empty));
    assertEquals(empty + " line 1, column 2: expected a number, found an empty cell", e.getMessage());

    Path nan = write("nan.csv", "1,NaN,3\n");
    e = assertThrows(IOException.class, () -> DEFAULT.read(nan));
    assertEquals(nan + " line 1, column 2: expected a number, found 'NaN'", e.getMessage());

    Path huge = write("huge.csv", "1,1e39,3\n");
    e = assertThrows(IOException.class, () -> DEFAULT.read(huge));
    assertEquals(huge + " line 1, column 2: expected a number within float range, found 1e39", e.getMessage());
  }

  @Test
  void aFileWithoutRowsOrWithoutTheLabelColumnIsAnError() throws IOException {
    Path headerOnly = write("header-only.csv", "a,b\n");
    IOException e = assertThrows(IOException.class,
        () -> CsvReader.builder().header(true).build().read(headerOnly));
    assertEquals(headerOnly + ": expected at least one data row, found none", e.getMessage());

    Path narrow = write("narrow.csv", "1,2\n");
    e = assertThrows(IOException.class, () -> CsvReader.builder().labelColumn(5).build().read(narrow));
    assertEquals(narrow + " line 1: expected at least 2 columns including label column 5 (0 is the first, -1 the"
        + " last), found 2 columns", e.getMessage());
  }

  @Test
  void featuresOnlyFilesKeepEveryColumn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("samples.csv");
    Files.writeString(file, "1,2,3\n4,5,6\n");
    Tensor features = CsvReader.builder().build().readFeatures(file);
    org.junit.jupiter.api.Assertions.assertEquals(dev.chainrule.autodiff.Shape.of(2, 3), features.shape());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, features.toFloatArray());
  }
}
