package org.radflow.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlobReferenceCheckTest {

  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);

  @Test
  void everyReferencedBlobPresentIsComplete() {
    BlobReferenceCheck.Result result =
        BlobReferenceCheck.run(
            references(ref(A, "study_history s/1"), ref(B, "step x")), Set.of(A, B)::contains);

    assertThat(result.complete()).isTrue();
    assertThat(result.references()).isEqualTo(2);
    assertThat(result.blobs()).isEqualTo(2);
    assertThat(result.firstMissing()).isEmpty();
  }

  @Test
  void aMissingBlobIsListedOncePerRowThatReferencesIt() {
    BlobReferenceCheck.Result result =
        BlobReferenceCheck.run(
            references(ref(A, "study_history s/1"), ref(C, "study_history s/2"), ref(C, "step x")),
            Set.of(A)::contains);

    assertThat(result.complete()).isFalse();
    assertThat(result.missingReferences()).isEqualTo(2);
    assertThat(result.firstMissing())
        .extracting(ReferencedBlob::holder)
        .containsExactly("study_history s/2", "step x");
  }

  @Test
  void eachBlobIsAskedForOnce() {
    List<String> asked = new ArrayList<>();
    BlobReferenceCheck.run(
        references(ref(A, "study_history s/1"), ref(A, "study_history s/2"), ref(B, "step x")),
        name -> {
          asked.add(name);
          return name.equals(A);
        });

    assertThat(asked).containsExactly(A, B);
  }

  @Test
  void theListStopsAtItsLimitButTheCountDoesNot() {
    List<ReferencedBlob> many = new ArrayList<>();
    for (int i = 0; i < BlobReferenceCheck.LISTED + 5; i++) {
      many.add(ref(C, "dead_letter " + i));
    }
    BlobReferenceCheck.Result result = BlobReferenceCheck.run(many::forEach, name -> false);

    assertThat(result.missingReferences()).isEqualTo(BlobReferenceCheck.LISTED + 5);
    assertThat(result.firstMissing()).hasSize(BlobReferenceCheck.LISTED);
  }

  private static BlobReferences references(ReferencedBlob... refs) {
    return List.of(refs)::forEach;
  }

  private static ReferencedBlob ref(String sha256, String holder) {
    return new ReferencedBlob(sha256, holder);
  }
}
