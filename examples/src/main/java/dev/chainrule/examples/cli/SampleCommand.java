package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.GradMode;
import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.Tensor;
import dev.chainrule.autodiff.io.AtomicFile;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.autodiff.io.TensorFileFormatException;
import dev.chainrule.examples.CharLm;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.CharVocabulary;
import dev.chainrule.nn.layers.recurrent.LSTM;
import dev.chainrule.nn.train.Checkpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chainrule sample}: text from a model trained with {@code train --model charlm}. The prime is fed through
 * the model once; then each next character is drawn from {@code softmax(logits / temperature)} with a seeded
 * {@link Rng} and fed back one step at a time, carrying the LSTM state. The same seed gives the same text.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Prints text sampled from a character-level language model written by train --model charlm.")
final class SampleCommand implements Callable<Integer> {
  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "out/charlm", description = "The run directory of"
      + " train --model charlm (default: ${DEFAULT-VALUE}).")
  Path directory;

  @Option(names = "--prime", defaultValue = "ROMEO:", description = "Text the sample starts with; every character"
      + " must be in the model's vocabulary (default: ${DEFAULT-VALUE}).")
  String prime;

  @Option(names = "--length", defaultValue = "400", description = "Characters to sample after the prime, at least 1"
      + " (default: ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--temperature", defaultValue = "0.8", description = "Divides the logits: below 1 is more"
      + " conservative, above 1 more varied; a positive number (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the sampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @ParentCommand
  Main main;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    OptionChecks.atLeast("--length", length, 1);
    OptionChecks.positiveFinite("--temperature", temperature);
    if (prime.isEmpty()) {
      throw UserError.of("--prime must not be empty; pass a text to start from, e.g. --prime \"ROMEO:\"");
    }
    Path file = directory.resolve(TrainCommand.MODEL_FILE);
    OptionChecks.readableFile("--dir", file, "train one first with ./chainrule train --model charlm, or pass"
        + " --dir DIR");
    Map<String, String> metadata = read(file, () -> SafeTensors.readMetadata(file));
    CharLmSpec charLm = CharLmSpec.fromMetadata(metadata, file);
    CharVocabulary vocabulary = charLm.vocabulary();
    for (int i = 0; i < prime.length(); i++) {
      if (!vocabulary.contains(prime.charAt(i))) {
        throw UserError.of("--prime has the character %s at position %d, which is not in the model's vocabulary"
            + " of %d characters", quote(prime.charAt(i)), i, vocabulary.size());
      }
    }
    CharLm model = charLm.build(new Rng(0));
    try {
      read(file, () -> Checkpoints.load(model, file));
    } catch (IllegalArgumentException e) {
      throw new UserError("--dir " + e.getMessage(), e);
    }
    main.out().println(prime + sample(model, vocabulary, prime, length, temperature, new Rng(seed)));
    return Main.EXIT_OK;
  }

  /** {@code length} characters following {@code prime}, drawn from {@code softmax(logits / temperature)}. */
  static String sample(CharLm model, CharVocabulary vocabulary, String prime, int length, double temperature,
      Rng rng) {
    StringBuilder text = new StringBuilder(length);
    try (var off = GradMode.off(); var evaluating = Module.evaluating()) {
      long[] codes = vocabulary.encode(prime);
      CharLm.Output out = model.call(Tensor.of(codes, 1, codes.length), null);
      LSTM.State state = out.state();
      Tensor last = out.logits().indexSelect(1, codes.length - 1).reshape(vocabulary.size());
      for (int i = 0; i < length; i++) {
        int next = draw(last.div(temperature).softmax(0).toDoubleArray(), rng);
        text.append(vocabulary.character(next));
        out = model.call(Tensor.of(new long[] {next}, 1, 1), state);
        state = out.state();
        last = out.logits().reshape(vocabulary.size());
      }
    }
    return text.toString();
  }

  /** An index drawn with probabilities {@code p} (which sum to 1 up to rounding; the last absorbs the rest). */
  private static int draw(double[] p, Rng rng) {
    double u = rng.nextDouble();
    double cumulative = 0;
    for (int i = 0; i < p.length - 1; i++) {
      cumulative += p[i];
      if (u < cumulative) {
        return i;
      }
    }
    return p.length - 1;
  }

  private static String quote(char c) {
    return c == '\n' ? "'\\n'" : c == '\t' ? "'\\t'" : "'" + c + "'";
  }

  private interface Read<T> {
    T get() throws IOException;
  }

  private static <T> T read(Path file, Read<T> read) {
    try {
      return read.get();
    } catch (TensorFileFormatException e) {
      throw new UserError(e.getMessage() + " (not a file written by chainrule train --model charlm?)", e);
    } catch (IOException e) {
      throw new UserError(String.format("%s cannot be read (%s)", file, AtomicFile.reason(e)), e);
    }
  }
}
