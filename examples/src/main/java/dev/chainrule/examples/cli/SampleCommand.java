package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.autodiff.io.AtomicFile;
import dev.chainrule.autodiff.io.SafeTensors;
import dev.chainrule.autodiff.io.TensorFileFormatException;
import dev.chainrule.examples.CharLm;
import dev.chainrule.examples.CharSampler;
import dev.chainrule.nn.data.CharVocabulary;
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
 * {@code chainrule sample}: text from a model trained with {@code train --model charlm}, drawn by
 * {@link CharSampler} from {@code softmax(logits / temperature)} with a seeded {@link Rng}. The same seed gives the
 * same text.
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
    main.out().println(prime + CharSampler.sample(model, vocabulary, prime, length, temperature,
        new Rng(seed)));
    return Main.EXIT_OK;
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
