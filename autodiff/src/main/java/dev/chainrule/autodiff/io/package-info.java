/**
 * Tensor files that other tools read: {@link dev.chainrule.autodiff.io.SafeTensors} for named tensors (state
 * dicts, checkpoints) and {@link dev.chainrule.autodiff.io.Npy} for single NumPy arrays. Each class's javadoc
 * gives its byte layout.
 *
 * <p>Invariants: files are written from a tensor's row-major storage in little-endian order (FLOAT32,
 * FLOAT64, INT64, and BOOL as one byte 0 or 1), and every shape (scalars and zero-size dimensions included) reads back exactly. Every file chainrule
 * writes, here and in the other modules, goes through {@link dev.chainrule.autodiff.io.AtomicFile}: a temporary
 * file beside the target (named by {@link dev.chainrule.autodiff.io.TempName}) moved over it atomically, so a
 * failed save leaves the previous file untouched and no half-written one, and a killed save's leftover is removed
 * by the next save into that directory. A load reads and validates the whole header against the file's length before any data
 * and returns all of the file or nothing. A malformed file is a
 * {@link dev.chainrule.autodiff.io.TensorFileFormatException} (an {@code IOException}) whose message starts with
 * the file and names the problem; a caller's mistake in a save is an {@code IllegalArgumentException} or
 * {@code NullPointerException} as elsewhere. Every reader, here and in {@code nn}'s data readers, opens its file
 * through {@link dev.chainrule.autodiff.io.OpenForReading}, so a missing, unreadable or directory path is refused
 * naming it and the format.
 */
package dev.chainrule.autodiff.io;
