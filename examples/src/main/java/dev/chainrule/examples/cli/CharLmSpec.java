package dev.chainrule.examples.cli;

import dev.chainrule.autodiff.Rng;
import dev.chainrule.examples.CharLm;
import dev.chainrule.nn.data.CharVocabulary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code train --model charlm} built, kept in the checkpoint's metadata so that {@code sample} can build the
 * same {@link CharLm} again: the vocabulary's characters in index order, the embedding and hidden sizes.
 */
record CharLmSpec(CharVocabulary vocabulary, int embeddingDim, int hidden) {
  /** The {@code --model} name and the metadata's {@code model} entry. */
  static final String MODEL = "charlm";

  /** The model, initialised from {@code rng}. */
  CharLm build(Rng rng) {
    return new CharLm(vocabulary.size(), embeddingDim, hidden, rng);
  }

  long parameterCount() {
    return CharLm.parameterCount(vocabulary.size(), embeddingDim, hidden);
  }

  Map<String, String> toMetadata() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("model", MODEL);
    metadata.put("vocabulary", vocabulary.chars());
    metadata.put("embedding", Integer.toString(embeddingDim));
    metadata.put("hidden", Integer.toString(hidden));
    return metadata;
  }

  /**
   * The spec in the metadata of {@code file}, as {@link #toMetadata} wrote it.
   *
   * @throws UserError naming the file and the entry that is missing or does not parse
   */
  static CharLmSpec fromMetadata(Map<String, String> metadata, Path file) {
    if (!MODEL.equals(metadata.get("model"))) {
      throw UserError.of("%s holds a '%s' model, not a charlm; train one with ./chainrule train --model charlm",
          file, metadata.getOrDefault("model", "mlp"));
    }
    for (String key : List.of("vocabulary", "embedding", "hidden")) {
      if (!metadata.containsKey(key)) {
        throw UserError.of("%s has no '%s' entry in its metadata; train it again with ./chainrule train --model"
            + " charlm", file, key);
      }
    }
    CharVocabulary vocabulary;
    try {
      vocabulary = CharVocabulary.ofChars(metadata.get("vocabulary"));
    } catch (IllegalArgumentException e) {
      throw new UserError(file + ": metadata 'vocabulary' is not a vocabulary (" + e.getMessage() + ")", e);
    }
    return new CharLmSpec(vocabulary, size(metadata, "embedding", file), size(metadata, "hidden", file));
  }

  private static int size(Map<String, String> metadata, String key, Path file) {
    try {
      int n = Integer.parseInt(metadata.get(key).strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw UserError.of("%s: metadata '%s' is '%s', expected a size of at least 1", file, key, metadata.get(key));
  }
}
