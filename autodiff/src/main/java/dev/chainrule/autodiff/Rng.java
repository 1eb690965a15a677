package dev.chainrule.autodiff;

/**
 * A seeded, splittable random number generator (SplitMix64). The same seed gives the same numbers on every
 * run, platform and JDK, because every step is plain 64-bit integer arithmetic defined here. Not thread-safe:
 * give each thread its own {@link #split()}.
 */
public final class Rng {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;
  private double spareGaussian = Double.NaN;

  public Rng(long seed) {
    this.state = seed;
  }

  /** The next 64 uniformly distributed bits. */
  public long nextLong() {
    long z = (state += GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Uniform in {@code [0, 1)}, with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in {@code [0, bound)}. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
    }
    return (int) ((nextLong() >>> 33) % bound);
  }

  /** Standard normal, by the Box-Muller transform in {@link StrictMath} (bit-identical on every JDK); values come in pairs. */
  public double nextGaussian() {
    if (!Double.isNaN(spareGaussian)) {
      double g = spareGaussian;
      spareGaussian = Double.NaN;
      return g;
    }
    double u1 = 1.0 - nextDouble(); // (0, 1]: the logarithm stays finite
    double u2 = nextDouble();
    double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
    spareGaussian = radius * StrictMath.sin(2 * StrictMath.PI * u2);
    return radius * StrictMath.cos(2 * StrictMath.PI * u2);
  }

  /** An independent generator seeded from this one; this one advances by one step. */
  public Rng split() {
    return new Rng(nextLong());
  }
}
