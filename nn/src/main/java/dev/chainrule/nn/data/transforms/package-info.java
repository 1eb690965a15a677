/**
 * Batch transforms for images, for {@link dev.chainrule.nn.data.DataLoader.Builder#transform}: the
 * augmentations of small-image training ({@link dev.chainrule.nn.data.transforms.RandomCrop},
 * {@link dev.chainrule.nn.data.transforms.RandomHorizontalFlip}) and per-channel normalisation
 * ({@link dev.chainrule.nn.data.transforms.Normalize}), like torchvision's.
 *
 * <p>Invariants: features are NCHW {@code (N, C, H, W)} (normalisation also takes {@code (N, C)} and
 * {@code (N, C, L)}); a transform reads the features once as an array and builds a new tensor of the same type
 * and shape, recording no graph and never changing its input; labels pass unchanged; every random choice is
 * drawn from the given {@link dev.chainrule.autodiff.Rng}, per sample in sample order, so a seed fixes them all.
 */
package dev.chainrule.nn.data.transforms;
