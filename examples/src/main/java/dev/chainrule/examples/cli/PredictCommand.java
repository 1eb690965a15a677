package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.AtomicFile;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.CsvReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code chainrule predict}: the class a trained model gives each row of a CSV file of features. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Prints the predicted class and its probability for each row of a CSV file of features.")
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "FILE", defaultValue = "out/digits/" + TrainCommand.MODEL_FILE,
      description = "The checkpoint written by train; its " + TrainCommand.SCALER_FILE + " must be beside it"
          + " (default: ${DEFAULT-VALUE}).")
  Path modelFile;

  @Option(names = "--input", paramLabel = "CSV", required = true, description = "CSV file, one sample per row,"
      + " features only, as many columns as the model takes.")
  Path input;

  @Option(names = "--header", description = "The CSV file starts with a header line.")
  boolean header;

  @ParentCommand
  Main main;

  @Override
  public Integer call() {
    OptionChecks.readableFile("--input", input, "pass a CSV file with one row of features per sample");
    SavedRun saved = SavedRun.load(modelFile, main.out());
    Tensor features;
    try {
      features = CsvReader.builder().header(header).build().readFeatures(input);
    } catch (FileSystemException e) {
      throw new UserError(String.format("--input %s cannot be read (%s)", input, AtomicFile.reason(e)), e);
    } catch (IOException | IllegalArgumentException e) {
      // a malformed file, or one that holds no samples; the reader's message names the file (and line and column)
      throw new UserError("--input " + e.getMessage(), e);
    }
    int expected = saved.spec().layers()[0];
    if (features.shape().dim(1) != expected) {
      throw UserError.of("--input %s has %d columns but the model takes %d features per row", input,
          features.shape().dim(1), expected);
    }
    Tensor probabilities;
    try (var off = GradMode.off(); var evaluating = Module.evaluating()) {
      probabilities = saved.model().call(saved.scaler().transform(features)).softmax(1);
    }
    double[] classes = probabilities.argmax(1).toDoubleArray();
    double[] p = probabilities.max(new int[] {1}, false).toDoubleArray();
    PrintStream out = main.out();
    out.println("row,class,probability");
    for (int i = 0; i < classes.length; i++) {
      out.printf(Locale.ROOT, "%d,%d,%.4f%n", i, (int) classes[i], p[i]);
    }
    return Main.EXIT_OK;
  }
}
