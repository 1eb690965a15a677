/**
 * Tensor files that other tools read: {@link dev.chainrule.autodiff.io.SafeTensors} for named tensors (state
 * dicts, checkpoints) and {@link dev.chainrule.autodiff.io.Npy} for single NumPy arrays. Each class's javadoc
 * gives its byte layout.
 *
 * <p>Invariants: files are written from a tensor's row-major storage in little-endian order, FLOAT32 and
 * FLOAT64 only, and every shape (scalars and zero-size dimensions included) reads back exactly. A save goes to a
 * temporary file in the target's directory and is moved over the target atomically, so a failed save leaves
 * no half-written file. A load reads and validates the whole header against the file's length before any data
 * and returns all of the file or nothing. A malformed file is a
 * {@link dev.chainrule.autodiff.io.TensorFileFormatException} (an {@code IOException}) whose message starts with
 * the file and names the problem; a caller's mistake in a save is an {@code IllegalArgumentException} or
 * {@code NullPointerException} as elsewhere.
 */
package dev.chainrule.autodiff.io;
