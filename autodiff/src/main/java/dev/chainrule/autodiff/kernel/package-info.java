/**
 * The arithmetic of chainrule: loops over plain row-major {@code float[]} and {@code double[]} arrays.
 *
 * <p>Invariants of this package:
 *
 * <ul>
 *   <li>No tensor, shape object or graph: a kernel sees arrays, offsets and counts only, and never allocates
 *       more than its own scratch (packed GEMM panels).
 *   <li>{@link dev.chainrule.autodiff.kernel.ScalarKernels} is the reference; every other implementation
 *       computes the same function, up to rounding that its properties bound.
 *   <li>This is the only package that imports {@code jdk.incubator.vector}, and only classes reached through
 *       {@code VectorKernels} do, so a JVM without the module never loads them.
 *   <li>Hot loops take no operator as a runtime value: each op has its own loop, chosen by a switch outside
 *       it, so that the Vector API intrinsics see constant operators.
 *   <li>Caller errors (negative sizes, offsets out of range) are checked once at the entry with Guava
 *       {@code Preconditions}; internal invariants use {@code Verify}.
 * </ul>
 */
package dev.chainrule.autodiff.kernel;
