package dev.chainrule.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.autodiff.DType;
import dev.chainrule.autodiff.Tensor;
import java.util.Arrays;

/**
 * The characters of a text as class indices: the distinct UTF-16 chars, sorted by code, numbered {@code 0..size-1}
 * (as the usual char-rnn preprocessing does). {@code encode} maps a string to its indices and {@code decode} back.
 */
public final class CharVocabulary {
  private final char[] chars;

  private CharVocabulary(char[] chars) {
    this.chars = chars;
  }

  /**
   * The sorted distinct chars of {@code text}.
   *
   * @throws IllegalArgumentException when {@code text} is empty
   */
  public static CharVocabulary of(String text) {
    checkNotNull(text, "CharVocabulary: text must not be null");
    checkArgument(!text.isEmpty(), "CharVocabulary: text is empty; a vocabulary needs at least one character");
    return new CharVocabulary(text.chars().distinct().sorted().collect(StringBuilder::new,
        StringBuilder::appendCodePoint, StringBuilder::append).toString().toCharArray());
  }

  /**
   * The vocabulary whose index {@code i} is {@code chars.charAt(i)}, e.g. one saved with {@link #chars()}.
   *
   * @throws IllegalArgumentException when {@code chars} is empty, not sorted or repeats a char
   */
  public static CharVocabulary ofChars(String chars) {
    checkNotNull(chars, "CharVocabulary: chars must not be null");
    CharVocabulary v = of(chars);
    checkArgument(String.valueOf(v.chars).equals(chars), "CharVocabulary: chars %s must be distinct and sorted",
        quote(chars));
    return v;
  }

  /** The number of characters. */
  public int size() {
    return chars.length;
  }

  /** All characters in index order; {@link #ofChars} rebuilds this vocabulary from it. */
  public String chars() {
    return String.valueOf(chars);
  }

  /** Whether {@code c} has an index. */
  public boolean contains(char c) {
    return Arrays.binarySearch(chars, c) >= 0;
  }

  /** The index of {@code c}; throws naming it when it is not in the vocabulary. */
  public int index(char c) {
    int i = Arrays.binarySearch(chars, c);
    if (i < 0) { // the message only on failure: encode calls this once per character of a whole corpus
      throw new IllegalArgumentException(String.format("CharVocabulary: character %s is not in the vocabulary of"
          + " %s characters", quote(String.valueOf(c)), chars.length));
    }
    return i;
  }

  /** The character of index {@code i} in {@code [0, size)}. */
  public char character(long i) {
    checkArgument(i >= 0 && i < chars.length, "CharVocabulary: index %s is out of range [0, %s)", i, chars.length);
    return chars[(int) i];
  }

  /** The indices of the chars of {@code text}; throws naming the first char not in the vocabulary. */
  public long[] encode(String text) {
    checkNotNull(text, "CharVocabulary: text must not be null");
    long[] codes = new long[text.length()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = index(text.charAt(i));
    }
    return codes;
  }

  /** The text of {@code codes}. */
  public String decode(long... codes) {
    StringBuilder out = new StringBuilder(codes.length);
    for (long c : codes) {
      out.append(character(c));
    }
    return out.toString();
  }

  /** The text of an INT64 tensor of indices, read in row-major order. */
  public String decode(Tensor codes) {
    checkArgument(codes.dtype() == DType.INT64, "CharVocabulary: codes of shape %s are %s; expected int64",
        codes.shape(), codes.dtype());
    return decode(codes.toLongArray());
  }

  /** {@code s} in double quotes with newlines and tabs escaped, for messages. */
  static String quote(String s) {
    return '"' + s.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + '"';
  }

  @Override
  public String toString() {
    return "CharVocabulary(" + chars.length + " characters)";
  }
}
