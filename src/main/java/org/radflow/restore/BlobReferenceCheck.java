package org.radflow.restore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether every blob the database references is in the blob store: the proof that a database and a
 * blob store restored together fit. Each distinct blob is asked for once. It checks presence, not
 * content: reading every blob back would take as long as the backup did, and the stores already
 * check each blob's hash when it is read.
 */
public final class BlobReferenceCheck {

  /** At most this many missing references are listed; the count covers them all. */
  static final int LISTED = 100;

  /**
   * @param references how many references the database holds
   * @param blobs how many distinct blobs they name
   * @param missingReferences how many references name a blob the store lacks
   * @param firstMissing the first {@value #LISTED} of those references
   */
  public record Result(
      long references, long blobs, long missingReferences, List<ReferencedBlob> firstMissing) {

    public Result {
      firstMissing = List.copyOf(firstMissing);
    }

    public boolean complete() {
      return missingReferences == 0;
    }
  }

  private BlobReferenceCheck() {}

  /**
   * @param exists whether the blob store holds a blob of that name, such as {@code
   *     BlobBackend::exists}
   */
  public static Result run(BlobReferences references, Predicate<String> exists) {
    Set<String> present = new HashSet<>();
    Set<String> absent = new HashSet<>();
    List<ReferencedBlob> firstMissing = new ArrayList<>();
    long[] counts = new long[2]; // references, missing references
    references.forEach(
        reference -> {
          counts[0]++;
          String name = reference.sha256();
          boolean found =
              present.contains(name)
                  || (!absent.contains(name) && remember(name, exists, present, absent));
          if (!found) {
            counts[1]++;
            if (firstMissing.size() < LISTED) {
              firstMissing.add(reference);
            }
          }
        });
    return new Result(counts[0], present.size() + absent.size(), counts[1], firstMissing);
  }

  private static boolean remember(
      String name, Predicate<String> exists, Set<String> present, Set<String> absent) {
    boolean found = exists.test(name);
    (found ? present : absent).add(name);
    return found;
  }
}
