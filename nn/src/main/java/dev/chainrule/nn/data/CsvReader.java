package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
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
 * {@link TensorDataset}: one sample per line, one column holding the label and the others the features. Features
 * are FLOAT32; labels are FLOAT32 regression targets, or INT64 class indices with {@link Builder#classLabels}.
 * The text is UTF-8; a leading byte-order mark is skipped. Cells are decimal numbers, optionally with
 * an exponent, and surrounding spaces are ignored; blank lines are skipped; there is no quoting.
 *
 * <p>Every read throws, for a bad file, exactly one of these, each naming the source and what failed:
 *
 * <ul>
 *   <li>{@link DataFileFormatException} for a malformed file: a non-numeric or out-of-range cell (naming line
 *       and column), a row with another number of columns than the first, too few columns for the label, a
 *       line longer than {@link Builder#maxLineLength}, more values than an array holds, and a gzip stream that
 *       is corrupt, ends early or has bytes after its last member;
 *   <li>{@link IllegalArgumentException} for a well-formed file that holds no samples (no data row);
 *   <li>{@link java.nio.file.NoSuchFileException} or another {@link java.nio.file.FileSystemException} for a
 *       path that is missing, a directory or unreadable, and an {@link IOException} when reading fails.
 * </ul>
 *
 * <pre>{@code
 * TensorDataset data = CsvReader.builder().header(true).labelColumn(0).build().read(path);
 * }</pre>
 */
public final class CsvReader {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /** The default of {@link Builder#maxLineLength}: 1 Mi characters. */
  public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 20;

  private static final int MAX_VALUES = Integer.MAX_VALUE - 8;
  private static final int SHOWN_CHARS = 40;
  private static final String FORMAT = "CSV";

  private final boolean header;
  private final int labelColumn;
  private final boolean classLabels;
  private final int maxLineLength;

  private CsvReader(Builder builder) {
    this.header = builder.header;
    this.labelColumn = builder.labelColumn;
    this.maxLineLength = builder.maxLineLength;
    this.classLabels = builder.classLabels;
  }

  /** A builder: no header line, the label in the last column. */
  public static Builder builder() {
    return new Builder();
  }

  /** The samples of {@code file}; see the class for what a bad file throws. */
  public TensorDataset read(Path file) throws IOException {
    checkNotNull(file, "CsvReader: file must not be null");
    InputStream in = DataFiles.open(file, FORMAT);
    try (in) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads a file in which every column is a feature (no label): a {@code (rows, columns)} FLOAT32 matrix, for
   * example the samples to predict. The label column set on the builder is ignored.
   */
  public Tensor readFeatures(Path file) throws IOException {
    checkNotNull(file, "CsvReader: file must not be null");
    InputStream in = DataFiles.open(file, FORMAT);
    try (in) {
      return parse(in, file.toString(), false).features();
    }
  }

  /** The samples of {@code in}, read to its end but not closed; {@code source} names it in error messages. */
  public TensorDataset read(InputStream in, String source) throws IOException {
    return parse(in, source, true);
  }

  private TensorDataset parse(InputStream in, String source, boolean labelled) throws IOException {
    checkNotNull(in, "CsvReader: input must not be null");
    checkNotNull(source, "CsvReader: source must not be null");
    try {
      return parse(new CsvLines(new InputStreamReader(Gzip.maybeDecompress(in), StandardCharsets.UTF_8), source,
          maxLineLength), source, labelled);
    } catch (IOException e) {
      throw DataFiles.failure(source, FORMAT, e);
    }
  }

  private TensorDataset parse(CsvLines lines, String source, boolean labelled) throws IOException {
    if (header) {
      lines.next();
    }
    int columns = -1;
    int label = -1;
    int firstDataLine = -1;
    int rows = 0;
    float[] features = new float[1024];
    float[] labels = new float[64];
    for (String line = lines.next(); line != null; line = lines.next()) {
      int lineNumber = lines.number();
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (columns < 0) {
        columns = cells.length;
        label = !labelled ? -1 : labelColumn < 0 ? columns + labelColumn : labelColumn;
        firstDataLine = lineNumber;
        if (labelled && (columns < 2 || label < 0 || label >= columns)) {
          throw new DataFileFormatException(source, String.format("%s line %d: expected at least 2 columns"
              + " including label column %d (0 is the first, -1 the last), found %d columns", source, lineNumber,
              labelColumn, columns));
        }
      } else if (cells.length != columns) {
        throw new DataFileFormatException(source, String.format("%s line %d: expected %d columns (as on line %d),"
            + " found %d", source, lineNumber, columns, firstDataLine, cells.length));
      }
      int width = labelled ? columns - 1 : columns;
      long needed = (long) (rows + 1) * width;
      if (needed > MAX_VALUES) {
        throw new DataFileFormatException(source, String.format("%s line %d: more than %d values, which is more"
            + " than one array can hold", source, lineNumber, MAX_VALUES));
      }
      if (needed > features.length) {
        features = Arrays.copyOf(features, (int) Math.min(MAX_VALUES, Math.max(2L * features.length, needed)));
      }
      if (rows == labels.length) {
        labels = Arrays.copyOf(labels, (int) Math.min(MAX_VALUES, 2L * labels.length));
      }
      int f = rows * width;
      for (int c = 0; c < columns; c++) {
        float value = parse(cells[c], source, lineNumber, c);
        if (c == label) {
          if (classLabels && !(value == Math.rint(value) && value >= 0)) {
            throw new DataFileFormatException(source, String.format("%s line %d, column %d: expected a class label"
                + " (an integer >= 0), found %s", source, lineNumber, c + 1, abbreviate(cells[c].strip())));
          }
          labels[rows] = value;
        } else {
          features[f++] = value;
        }
      }
      rows++;
    }
    checkArgument(rows > 0, "%s: holds no samples: expected at least one data row, found none", source);
    int width = labelled ? columns - 1 : columns;
    Tensor labelTensor = Tensor.wrap(Shape.of(rows), Arrays.copyOf(labels, rows));
    return new TensorDataset(Tensor.wrap(Shape.of(rows, width), Arrays.copyOf(features, rows * width)),
        classLabels ? labelTensor.to(DType.INT64) : labelTensor);
  }

  private static float parse(String cell, String source, int line, int column) throws IOException {
    String text = cell.strip();
    if (!NUMBER.matcher(text).matches()) {
      throw new DataFileFormatException(source, String.format("%s line %d, column %d: expected a number, found %s",
          source, line, column + 1, text.isEmpty() ? "an empty cell" : "'" + abbreviate(text) + "'"));
    }
    float value = Float.parseFloat(text);
    if (!Float.isFinite(value)) {
      throw new DataFileFormatException(source, String.format("%s line %d, column %d: expected a number within"
          + " float range, found %s", source, line, column + 1, abbreviate(text)));
    }
    return value;
  }

  /**
   * A cell for a message: whole when short, its start and "..." when long, control characters written as
   * {@code \\uXXXX} so that the message stays on one line and cannot send escape sequences to a terminal.
   */
  private static String abbreviate(String cell) {
    String shown = cell.length() <= SHOWN_CHARS ? cell : cell.substring(0, SHOWN_CHARS - 3) + "...";
    StringBuilder out = new StringBuilder(shown.length());
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.toString();
  }

  /** Options of a {@link CsvReader}. */
  public static final class Builder {
    private boolean header;
    private int labelColumn = -1;
    private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;
    private boolean classLabels;

    private Builder() {}

    /**
     * Whether the label column holds class indices: then the labels are an INT64 tensor, as classification losses
     * and metrics take, and a label that is not an integer {@code >= 0} is a {@link DataFileFormatException}.
     * Otherwise (the default) they are FLOAT32 regression targets.
     */
    public Builder classLabels(boolean classLabels) {
      this.classLabels = classLabels;
      return this;
    }

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

    /**
     * The longest line accepted, in characters (default {@value CsvReader#DEFAULT_MAX_LINE_LENGTH}, about 100,000
     * features); a longer one is a {@link DataFileFormatException} raised before it is held in memory.
     */
    public Builder maxLineLength(int maxLineLength) {
      checkArgument(maxLineLength > 0, "CsvReader.Builder.maxLineLength: expected a positive length, found %s",
          maxLineLength);
      this.maxLineLength = maxLineLength;
      return this;
    }

    public CsvReader build() {
      return new CsvReader(this);
    }
  }
}
