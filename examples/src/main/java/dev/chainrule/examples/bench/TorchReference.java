package dev.chainrule.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The same training step in PyTorch, run in the same bench: {@code /usr/bin/python3
 * examples/python/train_bench_charlm_torch.py --steps N --configs ...}, which times each thread setting in its own
 * process (20 warm-up steps, then the median of N) and prints one line per setting, {@code NAME MS LOSS}.
 *
 * <p>Debian's {@code python3-torch} calls the system {@code libblas.so.3}, on this machine the reference BLAS, about
 * 20 times slower than OpenBLAS (docs/benchmarks.md, "Which BLAS PyTorch uses"). So the script runs only with
 * OpenBLAS: the one extracted to {@value #EXTRACTED_OPENBLAS} ({@code apt-get download libopenblas0-pthread} and
 * {@code dpkg -x} into {@code /tmp/openblas}) put first on {@code LD_LIBRARY_PATH}, or an installed
 * {@code libopenblas0-pthread}; without either, or without torch, it says so in one line and is skipped.
 */
final class TorchReference {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final String EXTRACTED_OPENBLAS = "/tmp/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread";
  static final Path INSTALLED_OPENBLAS = Path.of("/usr/lib/x86_64-linux-gnu/openblas-pthread");
  static final String SCRIPT = "train_bench_charlm_torch.py";

  /** One thread setting's median milliseconds per step and last loss. */
  record Result(String setting, double msPerStep, double loss) {}

  private TorchReference() {}

  /**
   * PyTorch's settings matching {@code threads} chainrule threads (those of the MLP comparison): one core for 1;
   * for 2, two intra-op threads and one interop thread, with OpenBLAS at 2 threads and at 1; none otherwise.
   */
  static List<String> settingsFor(int threads) {
    return switch (threads) {
      case 1 -> List.of("1");
      case 2 -> List.of("2+interop1", "2+interop1+blas1");
      default -> List.of();
    };
  }

  /** The settings' lines of the script's output ({@code NAME MS LOSS}); other lines are left out. */
  static List<Result> parse(List<String> lines, List<String> settings) {
    List<Result> results = new ArrayList<>();
    for (String line : lines) {
      String[] words = line.strip().split("\\s+");
      if (words.length == 3 && settings.contains(words[0])) {
        try {
          results.add(new Result(words[0], Double.parseDouble(words[1]), Double.parseDouble(words[2])));
        } catch (NumberFormatException e) {
          // not a result line
        }
      }
    }
    return results;
  }

  /**
   * Runs the script for {@code settings} with {@code steps} timed steps, echoing its first line (PyTorch's version
   * and the load average) to {@code out}; empty, after one line on {@code out} saying why, when PyTorch or
   * OpenBLAS is missing or the script fails.
   */
  static Optional<List<Result>> run(int steps, List<String> settings, PrintStream out) throws InterruptedException {
    Optional<Path> script = script();
    if (script.isEmpty()) {
      out.println("PyTorch: skipped, " + SCRIPT + " not found next to the examples' classes");
      return Optional.empty();
    }
    if (!Files.isExecutable(PYTHON) || exitCode(List.of(PYTHON.toString(), "-c", "import torch"), Map.of()) != 0) {
      out.println("PyTorch: skipped, " + PYTHON + " cannot import torch (Debian: apt-get install python3-torch)");
      return Optional.empty();
    }
    Map<String, String> env;
    String blas;
    if (Files.exists(Path.of(EXTRACTED_OPENBLAS, "libblas.so.3"))) {
      String path = System.getenv("LD_LIBRARY_PATH");
      env = Map.of("LD_LIBRARY_PATH", EXTRACTED_OPENBLAS + (path == null || path.isEmpty() ? "" : ":" + path));
      blas = "OpenBLAS from " + EXTRACTED_OPENBLAS;
    } else if (Files.exists(INSTALLED_OPENBLAS.resolve("libblas.so.3"))) {
      env = Map.of();
      blas = "the installed OpenBLAS";
    } else {
      out.println("PyTorch: skipped, no OpenBLAS (with the reference BLAS it is about 20x slower); apt-get download"
          + " libopenblas0-pthread && dpkg -x libopenblas0-pthread_*.deb /tmp/openblas");
      return Optional.empty();
    }
    out.println("PyTorch: running " + SCRIPT + " at " + String.join(", ", settings) + ", each setting in its own"
        + " process ...");
    List<String> command = List.of(PYTHON.toString(), script.get().toString(), "--steps", Integer.toString(steps),
        "--configs", String.join(",", settings));
    List<String> lines = new ArrayList<>();
    int code;
    try {
      code = exitCode(command, env, lines);
    } catch (IOException e) {
      out.println("PyTorch: skipped, " + e.getMessage());
      return Optional.empty();
    }
    if (code != 0) {
      out.println("PyTorch: " + SCRIPT + " failed with exit code " + code + ": "
          + (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)));
      return Optional.empty();
    }
    out.println((lines.isEmpty() ? "PyTorch" : lines.get(0)) + ", " + blas);
    return Optional.of(parse(lines, settings));
  }

  /** The script in {@code examples/python}, found from where the examples' classes were loaded. */
  private static Optional<Path> script() {
    var source = TorchReference.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return Optional.empty();
    }
    try {
      Path examples = Path.of(source.getLocation().toURI()).toAbsolutePath().getParent(); // examples/target
      Path file = examples == null || examples.getParent() == null ? null
          : examples.getParent().resolve("python").resolve(SCRIPT);
      return file != null && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static int exitCode(List<String> command, Map<String, String> env) throws InterruptedException {
    try {
      return exitCode(command, env, new ArrayList<>());
    } catch (IOException e) {
      return -1;
    }
  }

  /** Runs {@code command} with {@code env} added, its output and errors merged into {@code lines}. */
  private static int exitCode(List<String> command, Map<String, String> env, List<String> lines)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    return process.waitFor();
  }
}
