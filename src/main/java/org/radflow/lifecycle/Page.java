package org.radflow.lifecycle;

import java.util.List;

/** One page of search results, and how many match in all. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
  public Page {
    items = List.copyOf(items);
  }
}
