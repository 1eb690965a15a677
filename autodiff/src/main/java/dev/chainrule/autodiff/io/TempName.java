package dev.chainrule.autodiff.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a hidden file or directory that chainrule writes beside a target before moving it into place:
 * {@code .<prefix>.chainrule-<pid>-<nonce>.<kind>}, e.g. {@code .model.safetensors.chainrule-4711-3f2a9c1b.tmp}.
 *
 * <p>The prefix is the target's name, or for a name longer than {@value #MAX_PREFIX_BYTES} UTF-8 bytes its
 * beginning and a hash of the whole name, so the temporary name stays far below the 255-byte limit of common file
 * systems for any target name they accept, and two targets still get different prefixes. The pid is the writing
 * process: a temporary whose writer is {@linkplain #writerAlive() gone} is stale and may be deleted by the next
 * writer; one whose writer runs (a concurrent save, or this process) is never touched. A reused pid only keeps a
 * stale file a while longer. The check sees the processes of this host only, so two hosts must not write into
 * one shared directory at the same time.
 *
 * @param prefix the target's name or its shortened form ({@link #prefixOf})
 * @param pid the writing process
 * @param nonce eight lower-case hex digits telling apart the temporaries of one process
 * @param kind what the temporary is, lower-case letters: {@code tmp} for a file being written, {@code new} and
 *     {@code old} for the directories of a swap
 */
public record TempName(String prefix, long pid, String nonce, String kind) {
  /** The longest prefix kept as it is; longer names are cut and get a hash. */
  static final int MAX_PREFIX_BYTES = 64;

  private static final Pattern FORMAT = Pattern.compile("\\.(.+)\\.chainrule-(\\d+)-([0-9a-f]{8})\\.([a-z]+)");

  public TempName {
    checkNotNull(prefix, "TempName: prefix must not be null");
    checkArgument(!prefix.isEmpty(), "TempName: prefix must not be empty");
    checkArgument(nonce.matches("[0-9a-f]{8}"), "TempName: nonce '%s' must be eight lower-case hex digits", nonce);
    checkArgument(kind.matches("[a-z]+"), "TempName: kind '%s' must be lower-case letters", kind);
  }

  /** A fresh name of this process for a temporary of {@code kind} beside the target called {@code targetName}. */
  public static TempName fresh(String targetName, String kind) {
    String nonce = String.format(Locale.ROOT, "%08x", ThreadLocalRandom.current().nextInt());
    return new TempName(prefixOf(targetName), ProcessHandle.current().pid(), nonce, kind);
  }

  /** The name parsed, or empty when {@code fileName} is not a temporary chainrule names. */
  public static Optional<TempName> parse(String fileName) {
    Matcher m = FORMAT.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      return Optional.empty(); // more digits than a pid has: not one of ours
    }
    return Optional.of(new TempName(m.group(1), pid, m.group(3), m.group(4)));
  }

  /**
   * The prefix of temporaries beside {@code targetName}: the name itself when it has at most
   * {@value #MAX_PREFIX_BYTES} UTF-8 bytes, else its first code points up to that length, {@code ~} and eight
   * hex digits of a hash of the whole name.
   */
  public static String prefixOf(String targetName) {
    checkArgument(!targetName.isEmpty(), "TempName: the target's name must not be empty");
    if (targetName.getBytes(StandardCharsets.UTF_8).length <= MAX_PREFIX_BYTES) {
      return targetName;
    }
    StringBuilder cut = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < targetName.length(); ) {
      int codePoint = targetName.codePointAt(i);
      int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + length > MAX_PREFIX_BYTES - 9) {
        break;
      }
      cut.appendCodePoint(codePoint);
      bytes += length;
      i += Character.charCount(codePoint);
    }
    String hash = Hashing.murmur3_32_fixed().hashString(targetName, StandardCharsets.UTF_8).toString();
    return cut + "~" + hash;
  }

  /** Whether this is a temporary of {@code kind} beside the target called {@code targetName}. */
  public boolean belongsTo(String targetName, String kind) {
    return this.kind.equals(kind) && prefix.equals(prefixOf(targetName));
  }

  /** Whether the process that wrote this temporary still runs (this process always does). */
  public boolean writerAlive() {
    return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** This name with another kind, the same writer and nonce: the partner of a swap's directory. */
  public TempName withKind(String otherKind) {
    return new TempName(prefix, pid, nonce, otherKind);
  }

  /** The file name. */
  @Override
  public String toString() {
    return "." + prefix + ".chainrule-" + pid + "-" + nonce + "." + kind;
  }
}
