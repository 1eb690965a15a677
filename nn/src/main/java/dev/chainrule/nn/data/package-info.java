/**
 * Data: datasets over tensors, batching, splitting, scaling, file readers, the bundled data sets, and the
 * loader's batch transforms (the image augmentations are in {@code nn.data.transforms}).
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Axis 0 of every feature and label tensor is the sample axis; a {@link dev.chainrule.nn.data.Dataset}
 *       hands out whole batches, gathered with one copy each, never one tensor per sample.
 *   <li>Features are FLOAT32 unless the caller's tensors say otherwise. Labels are INT64 class indices (the
 *       bundled and IDX data sets, {@code CsvReader} with {@code classLabels(true)}, the next characters of
 *       {@link dev.chainrule.nn.data.CharWindows}), as the classification losses, {@code Accuracy},
 *       {@link dev.chainrule.autodiff.Tensor#oneHot} and {@code gather} take them, or FLOAT32 regression
 *       targets (the CSV default); a dataset passes the caller's labels through with their type.
 *   <li>Image features are NCHW {@code (N, C, H, W)}, as the image data sets load; tabular ones
 *       {@code (N, features)}.
 *   <li>Everything random (shuffles, splits, augmentations) comes from an explicit seed or
 *       {@link dev.chainrule.autodiff.Rng}, so the same seed gives the same samples in the same order, augmented
 *       the same way, on every run.
 *   <li>Scalers are fitted on training features only and then applied unchanged to every split.
 *   <li>A split part asked for (a fraction above 0) holds at least one sample; a fraction of 0 asks for none.
 *   <li>A {@link dev.chainrule.nn.data.DataLoader} may be iterated by several threads at once, each iteration
 *       taking the next epoch.
 *   <li>A malformed file is a {@link dev.chainrule.nn.data.DataFileFormatException} (an {@code IOException})
 *       whose message names the file, what was expected and what was found; a well-formed file that holds no
 *       samples is an {@code IllegalArgumentException} saying so; a missing, unreadable or directory path is
 *       a {@code FileSystemException} naming it and what failed. Readers hold what the file contains, never
 *       what its header claims: lines, gzip expansion and sizes are bounded before memory is allocated.
 * </ul>
 */
package dev.chainrule.nn.data;
