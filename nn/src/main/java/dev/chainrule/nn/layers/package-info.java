/**
 * Layers: {@code Linear}, {@code Sequential}, activations, {@code Dropout}, {@code Flatten}, {@code BatchNorm1d}.
 *
 * <p>Invariants: every layer's forward is a composition of autodiff tensor operations and holds no gradient
 * code; a layer reads its parameters through {@code Module.parameter} on every forward (so
 * {@code forwardWith} can substitute them); randomness (initialisation, dropout masks) comes only from a seeded
 * {@code Rng} given to the constructor; state outside the graph (BatchNorm's running statistics) changes only in
 * place, under no-grad, in training mode.
 */
package dev.chainrule.nn.layers;
