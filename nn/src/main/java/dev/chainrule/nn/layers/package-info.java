/**
 * Layers: {@code Linear}, {@code Sequential}, activations, {@code Dropout}, {@code Dropout2d}, {@code Flatten},
 * {@code Unflatten}, {@code Upsample}, {@code BatchNorm1d}, {@code BatchNorm2d}, {@code LayerNorm},
 * {@code GroupNorm}, {@code RMSNorm}.
 *
 * <p>Invariants: every layer's forward is a composition of autodiff tensor operations and holds no gradient
 * code; a layer reads its parameters through {@code Module.parameter} on every forward (so
 * {@code forwardWith} can substitute them); randomness (initialisation, dropout masks) comes only from a seeded
 * {@code Rng} given to the constructor, and dropout draws from it only in training mode; state outside the graph
 * (BatchNorm's running statistics and its count of training passes) changes only in place, under no-grad, in
 * training mode. So a forward pass in evaluation mode writes nothing shared and may run on several threads at
 * once.
 */
package dev.chainrule.nn.layers;
