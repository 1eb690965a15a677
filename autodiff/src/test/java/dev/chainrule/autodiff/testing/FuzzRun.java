package dev.chainrule.autodiff.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.opentest4j.AssertionFailedError;

/**
 * The budget and the bookkeeping of one fuzz test: cases run while the time budget lasts (2 seconds, or the
 * system property {@code chainrule.fuzz.millis}), never fewer than {@link #MIN_CASES}, and case {@code i} of
 * seed {@code s} is always the same case, so a failure names the seed and case that rebuild it
 * ({@code -Dchainrule.fuzz.seed=...} to try other seeds). {@link #attempt} runs one load and sorts its outcome:
 * a result, a documented refusal, or a failure of the test for anything else ({@code Error}s included).
 * {@link #finish} prints how many cases ran and checks that both outcomes occurred, so that a harness whose
 * mutants all load, or all fail, is noticed.
 */
public final class FuzzRun {
  /** Cases that run however slow the machine, so that a run is never vacuous. */
  public static final int MIN_CASES = 300;

  private static final long DEFAULT_SEED = 0x5EED_CAFEL;
  private static final long DEFAULT_MILLIS = 2000;

  private final String name;
  private final long seed = Long.getLong("chainrule.fuzz.seed", DEFAULT_SEED);
  private final long budgetNanos = Long.getLong("chainrule.fuzz.millis", DEFAULT_MILLIS) * 1_000_000;
  private final long startNanos = System.nanoTime();
  private int cases;
  private int loaded;
  private int refused;
  private String mutation = "";

  /** A load under test, which may throw anything. */
  public interface Load<T> {
    T run() throws Exception;
  }

  /** What a load did: exactly one of its result and the documented exception it was refused with. */
  public record Outcome<T>(T loaded, Exception refusal) {}

  public FuzzRun(String name) {
    this.name = name;
  }

  /** Whether to run another case. */
  public boolean more() {
    return cases < MIN_CASES || System.nanoTime() - startNanos < budgetNanos;
  }

  /** The random source of the next case, which it starts. */
  public SplittableRandom nextCase() {
    cases++;
    mutation = "";
    return new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + cases);
  }

  /** Names the current case and its mutation, for a failure message. */
  public String where() {
    return name + " fuzz case " + cases + " of seed " + seed + (mutation.isEmpty() ? "" : " (" + mutation + ")");
  }

  /**
   * Runs {@code load} on the file damaged by {@code mutation}: its result, or the exception when it is an
   * instance of one of {@code documented}. Anything else it throws fails the test, naming the case.
   */
  public <T> Outcome<T> attempt(String mutation, Load<T> load, List<Class<? extends Exception>> documented) {
    this.mutation = mutation;
    T result;
    try {
      result = load.run();
    } catch (Exception e) {
      if (documented.stream().anyMatch(type -> type.isInstance(e))) {
        refused++;
        return new Outcome<>(null, e);
      }
      throw failure(e, documented);
    } catch (Throwable e) {
      throw failure(e, documented);
    }
    loaded++;
    return new Outcome<>(result, null);
  }

  /** Prints the counts and checks that some mutants loaded and some were refused. */
  public void finish() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%s fuzz: seed %d, %d cases in %.1f s: %d loaded, %d refused%n", name, seed, cases, seconds,
        loaded, refused);
    assertTrue(loaded > 0 && refused > 0, name + " fuzz: expected both loads and refusals, got " + loaded
        + " loaded and " + refused + " refused of " + cases);
  }

  private AssertionFailedError failure(Throwable thrown, List<Class<? extends Exception>> documented) {
    return new AssertionFailedError(where() + ": expected a load or one of "
        + documented.stream().map(Class::getSimpleName).toList() + ", got " + thrown, thrown);
  }
}
