package org.radflow.demo;

import java.io.PrintStream;
import java.util.List;

/** Lost and duplicated, said in one line, with the first of each listed. */
record DayVerdict(List<String> lost, List<String> duplicated, List<String> misplaced) {

  static DayVerdict of(DayCheck check) {
    return new DayVerdict(check.lost(), check.sideEffects().duplicates(), check.misplaced());
  }

  boolean passed() {
    return lost.isEmpty() && duplicated.isEmpty();
  }

  String line() {
    return lost.size()
        + " lost, "
        + duplicated.size()
        + " duplicated"
        + (passed()
            ? ": every acknowledged message is in its study's history, every side effect happened once"
            : ": see the lists below the summary");
  }

  void print(PrintStream out, Acknowledged acknowledged) {
    out.println();
    list(out, "lost (acknowledged but absent)", lost);
    list(out, "duplicated (two side effects for one step)", duplicated);
    list(out, "studies not where the day should leave them", misplaced);
    List<String> refusals =
        acknowledged.refusals().stream()
            .map(r -> r.study().accession() + " " + r.label() + ": " + r.reason())
            .toList();
    list(out, "refused by radflow (kept as dead letters)", refusals);
    out.println((passed() ? "PASSED: " : "FAILED: ") + line());
  }

  private static void list(PrintStream out, String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    out.println(title + ":");
    items.stream().limit(20).forEach(item -> out.println("  " + item));
    if (items.size() > 20) {
      out.println("  … and " + (items.size() - 20) + " more");
    }
  }
}
