/**
 * Training: {@link dev.chainrule.nn.train.Trainer} with its callbacks (early stopping, checkpoints, schedules,
 * logs, progress), metrics, the training history, and its charts.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>What cannot be right is refused rather than run, with an error saying why: an optimizer holding tensors
 *       that are not the model's parameters, a loader without batches, a model whose parameters or buffers hold
 *       NaN or infinity (before {@code evaluate} and {@code predict}).
 *   <li>No NaN is averaged away: a batch whose features or output hold NaN counts NaN for the loss and every
 *       metric; in training, it, a non-finite loss, or a non-finite validation loss ends the run (callbacks'
 *       {@code onTrainEnd} runs) and fails naming the epoch.
 *   <li>{@code evaluate} and {@code predict} run inside {@code Module.evaluating()} with recording off: they
 *       change no mode and no state, and may be called from several threads at once.
 * </ul>
 */
package dev.chainrule.nn.train;
