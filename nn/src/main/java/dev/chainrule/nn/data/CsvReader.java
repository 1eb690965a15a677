package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reads a numeric, comma-separated file (plain or gzipped, recognised by the gzip magic bytes) into a
 * {@link TensorDataset}: one sample per line, one column holding the label and the others the features, all
 * FLOAT32. Cells are decimal numbers, optionally with an exponent, and surrounding spaces are ignored; blank
 * lines are skipped; there is no quoting. A non-numeric cell or a row with another number of columns than the
 * first is an {@link IOException} naming the source, the line and the column.
 *
 * <pre>{@code
 * TensorDataset data = CsvReader.builder().header(true).labelColumn(0).build().read(path);
 * }</pre>
 */
public final class CsvReader {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private final boolean header;
  private final int labelColumn;

  private CsvReader(Builder builder) {
    this.header = builder.header;
    this.labelColumn = builder.labelColumn;
  }

  /** A builder: no header line, the label in the last column. */
  public static Builder builder() {
    return new Builder();
  }

  /** The samples of {@code file}. */
  public TensorDataset read(Path file) throws IOException {
    checkNotNull(file, "CsvReader: file must not be null");
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads a file in which every column is a feature (no label): a {@code (rows, columns)} FLOAT32 matrix, for
   * example the samples to predict. The label column set on the builder is ignored.
   */
  public Tensor readFeatures(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString(), false).features();
    }
  }

  /** The samples of {@code in}, read to its end but not closed; {@code source} names it in error messages. */
  public TensorDataset read(InputStream in, String source) throws IOException {
    return parse(in, source, true);
  }

  private TensorDataset parse(InputStream in, String source, boolean labelled) throws IOException {
    checkNotNull(in, "CsvReader: input must not be null");
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(Gzip.maybeDecompress(in), StandardCharsets.UTF_8));
    int lineNumber = 0;
    if (header && lines.readLine() != null) {
      lineNumber++;
    }
    int columns = -1;
    int label = -1;
    int firstDataLine = -1;
    int rows = 0;
    float[] features = new float[1024];
    float[] labels = new float[64];
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (columns < 0) {
        columns = cells.length;
        label = !labelled ? -1 : labelColumn < 0 ? columns + labelColumn : labelColumn;
        firstDataLine = lineNumber;
        if (labelled && (columns < 2 || label < 0 || label >= columns)) {
          throw new IOException(String.format("%s line %d: expected at least 2 columns including label column %d"
              + " (0 is the first, -1 the last), found %d columns", source, lineNumber, labelColumn, columns));
        }
      } else if (cells.length != columns) {
        throw new IOException(String.format("%s line %d: expected %d columns (as on line %d), found %d", source,
            lineNumber, columns, firstDataLine, cells.length));
      }
      int width = labelled ? columns - 1 : columns;
      if ((rows + 1) * width > features.length) {
        features = Arrays.copyOf(features, Math.max(2 * features.length, (rows + 1) * width));
      }
      if (rows == labels.length) {
        labels = Arrays.copyOf(labels, 2 * labels.length);
      }
      int f = rows * width;
      for (int c = 0; c < columns; c++) {
        float value = parse(cells[c], source, lineNumber, c);
        if (c == label) {
          labels[rows] = value;
        } else {
          features[f++] = value;
        }
      }
      rows++;
    }
    if (rows == 0) {
      throw new IOException(source + ": expected at least one data row, found none");
    }
    int width = labelled ? columns - 1 : columns;
    return new TensorDataset(Tensor.wrap(Shape.of(rows, width), Arrays.copyOf(features, rows * width)),
        Tensor.wrap(Shape.of(rows), Arrays.copyOf(labels, rows)));
  }

  private static float parse(String cell, String source, int line, int column) throws IOException {
    String text = cell.strip();
    if (!NUMBER.matcher(text).matches()) {
      throw new IOException(String.format("%s line %d, column %d: expected a number, found %s", source, line,
          column + 1, text.isEmpty() ? "an empty cell" : "'" + text + "'"));
    }
    float value = Float.parseFloat(text);
    if (!Float.isFinite(value)) {
      throw new IOException(String.format("%s line %d, column %d: expected a number within float range, found %s",
          source, line, column + 1, text));
    }
    return value;
  }

  /** Options of a {@link CsvReader}. */
  public static final class Builder {
    private boolean header;
    private int labelColumn = -1;

    private Builder() {}

    /** Whether the first line is a header to skip (column names, or scikit-learn's counts and class names). */
    public Builder header(boolean header) {
      this.header = header;
      return this;
    }

    /** The label's column: 0 for the first, 1 for the second, ...; -1 for the last, -2 for the one before. */
    public Builder labelColumn(int labelColumn) {
      this.labelColumn = labelColumn;
      return this;
    }

    public CsvReader build() {
      return new CsvReader(this);
    }
  }
}
