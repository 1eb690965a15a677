package dev.chainrule.examples.cli;

import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.train.Accuracy;
import dev.chainrule.nn.train.Evaluation;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.optim.SGD;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chainrule evaluate}: a trained model's loss and accuracy on its data set's test split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Loads a model written by train and reports its loss and accuracy on the test split.")
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", defaultValue = "out/digits/" + TrainCommand.MODEL_FILE,
      description = "The checkpoint written by train (default: ${DEFAULT-VALUE}).")
  Path modelFile;

  @Override
  public Integer call() throws Exception {
    TrainCommand.Loaded loaded = TrainCommand.load(modelFile);
    PreparedData data = PreparedData.load(loaded.spec().dataset(), loaded.spec().seed());
    Trainer trainer = Trainer.builder(loaded.model(), new CrossEntropyLoss(),
        new SGD(loaded.model().parameters(), 0)).metrics(Accuracy.multiclass()).build();
    Evaluation test = trainer.evaluate(DataLoader.builder(data.test()).batchSize(512).build());
    System.out.printf(Locale.ROOT, "%s, %d test samples: loss %.4f, accuracy %.2f%%%n", loaded.spec().dataset(),
        data.test().size(), test.loss(), 100 * test.metric("accuracy"));
    return 0;
  }
}
