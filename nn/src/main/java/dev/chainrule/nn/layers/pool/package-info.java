/**
 * Pooling layers, as {@code torch.nn}: {@code MaxPool1d}, {@code MaxPool2d}, {@code AvgPool1d}, {@code AvgPool2d}
 * and the adaptive {@code AdaptiveAvgPool1d}, {@code AdaptiveAvgPool2d}, {@code AdaptiveMaxPool1d},
 * {@code AdaptiveMaxPool2d}.
 *
 * <p>Invariants: each is a parameter-free {@code Module} whose forward is one call of the
 * {@link dev.chainrule.autodiff.ops.pool.Pool} facade with options fixed at construction; no state, so a forward
 * pass may run on several threads at once, and training and evaluation mode compute the same.
 */
package dev.chainrule.nn.layers.pool;
