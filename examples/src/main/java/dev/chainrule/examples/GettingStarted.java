package dev.chainrule.examples;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Datasets;
import dev.chainrule.nn.data.Split;
import dev.chainrule.nn.data.Standardizer;
import dev.chainrule.nn.data.TensorDataset;
import dev.chainrule.nn.layers.Linear;
import dev.chainrule.nn.layers.ReLU;
import dev.chainrule.nn.layers.Sequential;
import dev.chainrule.nn.loss.CrossEntropyLoss;
import dev.chainrule.nn.train.Accuracy;
import dev.chainrule.nn.train.Checkpoints;
import dev.chainrule.nn.train.EarlyStopping;
import dev.chainrule.nn.train.History;
import dev.chainrule.nn.train.ProgressBar;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.optim.Adam;
import java.nio.file.Path;

/**
 * The program of docs/getting-started.md, verbatim between the markers: define a model, train it, save it, load
 * it into a fresh model. {@code ReadmeExampleTest} checks that the guide shows exactly this code and runs it.
 */
public final class GettingStarted {
  private GettingStarted() {}

  /** Runs the guide's program, writing into {@code directory}; returns the reloaded model's test accuracy. */
  public static double run(Path directory) throws Exception {
    // GUIDE-BEGIN
    Rng rng = new Rng(42);
    Split split = Split.stratified(Datasets.digits().flatten(), 0.7, 0.15, rng); // 8x8 digits, 64 pixels
    Standardizer scaler = Standardizer.fit(split.train().features());       // statistics of the training split
    TensorDataset train = scaler.transform(split.train());
    TensorDataset validation = scaler.transform(split.validation());
    TensorDataset test = scaler.transform(split.test());

    Sequential model = new Sequential(new Linear(64, 64, rng), new ReLU(), new Linear(64, 10, rng));
    System.out.println(model.summary(1, 64));

    Trainer trainer = Trainer.builder(model, new CrossEntropyLoss(), new Adam(model.parameters(), 1e-3))
        .epochs(30)
        .metrics(Accuracy.multiclass())
        .callbacks(new ProgressBar(), EarlyStopping.onValidationLoss(5))
        .build();
    History history = trainer.fit(DataLoader.builder(train).batchSize(32).shuffle(7).build(),
        DataLoader.builder(validation).batchSize(256).build());
    history.writeCsv(directory.resolve("history.csv"));
    history.plot(directory);                                                // loss and accuracy, SVG and PNG

    Checkpoints.save(model, directory.resolve("digits.safetensors"));
    Sequential reloaded = new Sequential(new Linear(64, 64, rng), new ReLU(), new Linear(64, 10, rng));
    Checkpoints.load(reloaded, directory.resolve("digits.safetensors"));    // strict: names and shapes must match
    double accuracy = Trainer.builder(reloaded, new CrossEntropyLoss(), new Adam(reloaded.parameters(), 1e-3))
        .metrics(Accuracy.multiclass()).build()
        .evaluate(DataLoader.builder(test).batchSize(256).build()).metric("accuracy");
    System.out.printf("test accuracy of the reloaded model: %.2f%%%n", 100 * accuracy);
    // GUIDE-END
    return accuracy;
  }

  public static void main(String[] args) throws Exception {
    run(Path.of("."));
  }
}
