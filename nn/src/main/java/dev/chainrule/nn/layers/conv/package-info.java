/**
 * Convolution layers, compositions of the ops in {@code dev.chainrule.autodiff.ops.conv}: {@code Conv1d},
 * {@code Conv2d}, {@code ConvTranspose2d}. Parameters are named ({@code weight}, {@code bias}) and shaped as in
 * PyTorch, and initialised as PyTorch does, so state dicts carry over in both directions. No gradient code here.
 */
package dev.chainrule.nn.layers.conv;
