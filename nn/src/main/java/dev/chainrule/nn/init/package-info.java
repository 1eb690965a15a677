/**
 * Parameter initialisers.
 *
 * <p>Invariants: an initialiser changes only the tensor it is given, in place, under no-grad (so it records no
 * graph and bumps the tensor's version); random values come only from the caller's seeded {@code Rng}; fans
 * are computed from the shape as PyTorch does, for weights laid out {@code (out, in, ...)}.
 */
package dev.chainrule.nn.init;
