package dev.chainrule.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Saves the model with {@link Checkpoints#save} after every epoch, or only after epochs that improve a monitored
 * value, as Keras' {@code ModelCheckpoint}. In the path, {@code {epoch}} becomes the epoch number
 * ({@code ckpt/model-{epoch}.safetensors}); without it each save replaces the last. The file's metadata holds
 * the epoch and the epoch's values ({@code "epoch": "3", "val_loss": "0.25", ...}).
 *
 * <p>A failed write is an {@link UncheckedIOException} that ends training: a run that cannot save what it
 * trains should not go on silently.
 */
public final class ModelCheckpoint implements Callback {
  private static final String EPOCH = "{epoch}";

  private final String path;
  private final Monitor monitor;
  private Path lastSaved;

  private ModelCheckpoint(Path path, Monitor monitor) {
    this.path = checkNotNull(path, "ModelCheckpoint: path must not be null").toString();
    this.monitor = monitor;
  }

  /** Saves after every epoch. */
  public static ModelCheckpoint everyEpoch(Path path) {
    return new ModelCheckpoint(path, null);
  }

  /** Saves after each epoch whose {@code monitor} value is the best so far, its mode inferred from the key. */
  public static ModelCheckpoint bestOnly(Path path, String monitor) {
    return bestOnly(path, monitor, MonitorMode.infer(monitor));
  }

  /**
   * Saves after each epoch whose {@code monitor} value is the best so far in {@code mode}; a {@code val_} key
   * falls back to the training value without validation data, as in {@link EarlyStopping}.
   */
  public static ModelCheckpoint bestOnly(Path path, String monitor, MonitorMode mode) {
    return new ModelCheckpoint(path, new Monitor(monitor, mode, 0));
  }

  @Override
  public void onTrainBegin(TrainingState state) {
    if (monitor != null) {
      monitor.reset();
    }
    lastSaved = null;
  }

  @Override
  public void onEpochEnd(TrainingState state, EpochResult result) {
    if (monitor != null && !monitor.update(result)) {
      return;
    }
    Path file = Path.of(path.replace(EPOCH, Integer.toString(result.epoch())));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("epoch", Integer.toString(result.epoch()));
    result.values().forEach((key, value) -> metadata.put(key, String.format(Locale.ROOT, "%.9g", value)));
    try {
      Checkpoints.save(state.model(), file, metadata);
    } catch (IOException e) {
      throw new UncheckedIOException("ModelCheckpoint: cannot save epoch " + result.epoch() + " to " + file, e);
    }
    lastSaved = file;
  }

  /** The file written last in the current or last run, or null when none was. */
  public Path lastSaved() {
    return lastSaved;
  }
}
