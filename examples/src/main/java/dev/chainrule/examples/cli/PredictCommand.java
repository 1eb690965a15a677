package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.CsvReader;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chainrule predict}: the class a trained model gives each row of a CSV file of features. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Prints the predicted class and its probability for each row of a CSV file of features.")
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", defaultValue = "out/digits/" + TrainCommand.MODEL_FILE,
      description = "The checkpoint written by train (default: ${DEFAULT-VALUE}).")
  Path modelFile;

  @Option(names = "--input", required = true, description = "CSV file, one sample per row, features only.")
  Path input;

  @Option(names = "--header", description = "The CSV file starts with a header line.")
  boolean header;

  @Override
  public Integer call() throws Exception {
    TrainCommand.Loaded loaded = TrainCommand.load(modelFile);
    Tensor features = CsvReader.builder().header(header).build().readFeatures(input);
    int expected = loaded.spec().layers()[0];
    if (features.shape().dim(1) != expected) {
      throw new IllegalArgumentException(String.format("predict: %s has %d columns but the model takes %d features",
          input, features.shape().dim(1), expected));
    }
    Tensor probabilities;
    try (var off = GradMode.off(); var evaluating = Module.evaluating()) {
      probabilities = loaded.model().call(loaded.scaler().transform(features)).softmax(1);
    }
    double[] classes = probabilities.argmax(1).toDoubleArray();
    double[] p = probabilities.max(new int[] {1}, false).toDoubleArray();
    System.out.println("row,class,probability");
    for (int i = 0; i < classes.length; i++) {
      System.out.printf(Locale.ROOT, "%d,%d,%.4f%n", i, (int) classes[i], p[i]);
    }
    return 0;
  }
}
