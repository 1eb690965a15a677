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
import picocli.CommandLine.ParentCommand;

/** {@code chainrule evaluate}: a trained model's loss and accuracy on its data set's test split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Loads a model written by train and reports its loss and accuracy on the test split.")
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "FILE", defaultValue = "out/digits/" + TrainCommand.MODEL_FILE,
      description = "The checkpoint written by train; its " + TrainCommand.SCALER_FILE + " must be beside it"
          + " (default: ${DEFAULT-VALUE}).")
  Path modelFile;

  @ParentCommand
  Main main;

  @Override
  public Integer call() {
    SavedRun saved = SavedRun.load(modelFile, main.out());
    PreparedData data = PreparedData.load(saved.spec().dataset(), saved.spec().seed());
    Trainer trainer = Trainer.builder(saved.model(), new CrossEntropyLoss(),
        new SGD(saved.model().parameters(), 0)).metrics(Accuracy.multiclass()).build();
    Evaluation test = trainer.evaluate(DataLoader.builder(data.test()).batchSize(512).build());
    main.out().printf(Locale.ROOT, "%s, %d test samples: loss %.4f, accuracy %.2f%%%n", saved.spec().dataset(),
        data.test().size(), test.loss(), 100 * test.metric("accuracy"));
    return Main.EXIT_OK;
  }
}
