package dev.chainrule.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autodiff.Shape;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.testing.FileMutator;
import dev.chainrule.autodiff.testing.FuzzRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged IDX and CSV files, plain and gzipped, made by {@link FileMutator} from valid ones (truncations, bit
 * flips, bytes and integers written over the header fields, edits of the CSV's tokens), either load correctly,
 * as a plain re-reading of the damaged bytes with the JDK's own gzip says, or are refused as the readers
 * document it: a {@link DataFileFormatException} naming the file, or for a file left with no samples an
 * {@link IllegalArgumentException} naming it. Never an {@code Error}, never another exception. Each run has a
 * fixed seed and a time budget ({@link FuzzRun}).
 */
class DataFileFuzzTest {
  private static final List<Class<? extends Exception>> DOCUMENTED = List.of(DataFileFormatException.class,
      IllegalArgumentException.class);

  /** A CSV with a byte-order mark, a header line, a blank line, CRLF and the number forms the reader takes. */
  private static final String CSV = "\uFEFFx1,x2,x3,label\n0.5,-1.25,3e2,0\r\n2, +.5 ,7.,1\n\n-0.0,1E-3,42,2\n";

  @TempDir
  Path dir;

  /** A valid file to damage, a mutator that knows its binary fields, and whether it holds images or labels. */
  private record Base(byte[] bytes, FileMutator mutator, boolean images) {}

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }

  /** {@code bytes}, inflated by the JDK when they start with the gzip magic bytes. */
  private static byte[] plain(byte[] bytes) throws IOException {
    if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
      return bytes;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  private static byte[] idx(int magic, int[] dims, SplittableRandom random) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    int count = 1;
    for (int dim : dims) {
      out.writeInt(dim);
      count *= dim;
    }
    for (int i = 0; i < count; i++) {
      out.writeByte(random.nextInt(256));
    }
    return bytes.toByteArray();
  }

  private static void assertNamesTheFile(Path file, Exception refusal, FuzzRun run) {
    String message = refusal.getMessage();
    if (refusal instanceof DataFileFormatException e) {
      assertEquals(file.toString(), e.source(), run.where());
      assertTrue(message.startsWith(file.toString()), run.where() + ": " + message);
    } else {
      assertTrue(message.startsWith(file + ": holds no samples"), run.where() + ": " + refusal);
    }
  }

  @Test
  void damagedIdxFilesLoadCorrectlyOrAreRefused() throws IOException {
    SplittableRandom values = new SplittableRandom(3);
    byte[] images = idx(IdxReader.IMAGES_MAGIC, new int[] {3, 4, 5}, values);
    byte[] labels = idx(IdxReader.LABELS_MAGIC, new int[] {6}, values);
    List<Base> bases = new ArrayList<>();
    for (byte[] plain : List.of(images, labels)) {
      boolean isImages = plain == images;
      int header = isImages ? 16 : 8;
      bases.add(new Base(plain, new FileMutator(0, 0, header), isImages));
      bases.add(new Base(gzip(plain), new FileMutator(0, 0, 10), isImages));
    }

    Path file = dir.resolve("damaged-idx-ubyte");
    FuzzRun run = new FuzzRun("IDX");
    while (run.more()) {
      SplittableRandom random = run.nextCase();
      Base base = bases.get(random.nextInt(bases.size()));
      FileMutator.Mutant mutant = base.mutator().mutate(base.bytes(), random);
      Files.write(file, mutant.bytes());
      var outcome = run.attempt(mutant.description(),
          () -> base.images() ? IdxReader.readImages(file) : IdxReader.readLabels(file), DOCUMENTED);
      if (outcome.refusal() != null) {
        assertNamesTheFile(file, outcome.refusal(), run);
      } else {
        assertIdx(plain(mutant.bytes()), outcome.loaded(), run.where());
      }
    }
    run.finish();
  }

  /** The loaded tensor has the header's dimensions and, one per byte, the data's values. */
  private static void assertIdx(byte[] plain, Tensor loaded, String where) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
    int[] dims = new int[in.readInt() & 0xff];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = in.readInt();
    }
    assertEquals(Shape.of(dims), loaded.shape(), where);
    byte[] data = in.readAllBytes();
    float[] expected = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      expected[i] = data[i] & 0xff;
    }
    assertArrayEquals(expected, loaded.toFloatArray(), where);
  }

  @Test
  void damagedCsvFilesLoadCorrectlyOrAreRefused() throws IOException {
    byte[] text = CSV.getBytes(StandardCharsets.UTF_8);
    List<Base> bases = List.of(new Base(text, new FileMutator(0, text.length, 0), false),
        new Base(gzip(text), new FileMutator(0, 0, 10), false));
    CsvReader reader = CsvReader.builder().header(true).build();

    Path file = dir.resolve("damaged.csv");
    FuzzRun run = new FuzzRun("CSV");
    while (run.more()) {
      SplittableRandom random = run.nextCase();
      Base base = bases.get(random.nextInt(bases.size()));
      FileMutator.Mutant mutant = base.mutator().mutate(base.bytes(), random);
      Files.write(file, mutant.bytes());
      var outcome = run.attempt(mutant.description(), () -> reader.read(file), DOCUMENTED);
      if (outcome.refusal() != null) {
        assertNamesTheFile(file, outcome.refusal(), run);
      } else {
        assertCsv(plain(mutant.bytes()), outcome.loaded(), run.where());
      }
    }
    run.finish();
  }

  /**
   * The loaded samples are the file's rows after its header line, blank lines skipped, the last column the
   * label, each cell as {@link Float#parseFloat} reads it.
   */
  private static void assertCsv(byte[] plain, TensorDataset loaded, String where) {
    String text = new String(plain, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] lines = text.split("\r\n|\r|\n", -1);
    List<float[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        String[] cells = lines[i].split(",", -1);
        float[] row = new float[cells.length];
        for (int c = 0; c < cells.length; c++) {
          try {
            row[c] = Float.parseFloat(cells[c].strip());
          } catch (NumberFormatException e) {
            throw new AssertionError(where + ": loaded, but line " + (i + 1) + " has the cell " + cells[c], e);
          }
        }
        rows.add(row);
      }
    }
    int width = rows.get(0).length - 1;
    float[] features = new float[rows.size() * width];
    float[] labels = new float[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, features, r * width, width);
      labels[r] = rows.get(r)[width];
    }
    assertEquals(Shape.of(rows.size(), width), loaded.features().shape(), where);
    assertArrayEquals(features, loaded.features().toFloatArray(), where);
    assertArrayEquals(labels, loaded.labels().toFloatArray(), where);
  }
}
