package org.radflow.simulator;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.radflow.workflow.Service;

/**
 * The image archive. {@code POST /storage-commitment {"accession"}} answers whether the study's
 * images are committed: yes by default, {@code "false"} for accessions on the not-yet list, with
 * the instance count ({@value #DEFAULT_INSTANCES} unless set).
 */
public final class SimulatedArchive extends SimulatedSystem {

  static final int DEFAULT_INSTANCES = 1;

  private final Set<String> uncommitted = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> instances = new ConcurrentHashMap<>();

  @Override
  Service service() {
    return Service.IMAGE_ARCHIVE;
  }

  @Override
  List<Route> routes() {
    return List.of(Route.query("POST", "/storage-commitment", this::storageCommitment));
  }

  /** Whether the archive reports {@code accession} as committed (it does unless told not to). */
  public void committed(String accession, boolean committed) {
    if (committed) {
      uncommitted.remove(accession);
    } else {
      uncommitted.add(accession);
    }
  }

  /** Replaces the set of accessions reported as not committed yet. */
  public void uncommitted(Collection<String> accessions) {
    uncommitted.clear();
    uncommitted.addAll(accessions);
  }

  /** How many images the archive reports for {@code accession}. */
  public void instances(String accession, int count) {
    instances.put(accession, count);
  }

  private Answer storageCommitment(Call call) {
    String accession = call.text("accession");
    boolean committed = !uncommitted.contains(accession);
    return Answer.done(
        accession,
        Map.of(
            "committed", Boolean.toString(committed),
            "instances", Integer.toString(instances.getOrDefault(accession, DEFAULT_INSTANCES))));
  }
}
