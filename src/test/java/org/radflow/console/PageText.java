package org.radflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a console page shows from its HTML, as the tests over HTTP check it: a table, one
 * column of it, a row, a link. Fails the test, naming what is missing, when the page lacks it.
 */
final class PageText {

  private PageText() {}

  /** The health history on a service page, newest first: each change's state and who made it. */
  static List<String> healthHistory(String page) {
    String table = table(page, "health-history");
    List<String> changes = new ArrayList<>();
    Matcher row =
        Pattern.compile(
                "<span class=\"badge ([A-Z]+)\">[A-Z]+</span></td>\\s*<td[^>]*>[^<]*</td>\\s*<td>([^<]*)</td>")
            .matcher(table);
    while (row.find()) {
      changes.add(row.group(1) + " " + row.group(2));
    }
    return changes;
  }

  /** The cells of one column of the results table, top to bottom, as text. */
  static List<String> column(String page, String heading) {
    String table = table(page, "results");
    List<String> headings = new ArrayList<>();
    Matcher th = Pattern.compile("<th scope=\"col\">([^<]*)</th>").matcher(table);
    while (th.find()) {
      headings.add(th.group(1));
    }
    int index = headings.indexOf(heading);
    assertThat(index).as("column %s in %s", heading, headings).isNotNegative();
    List<String> cells = new ArrayList<>();
    Matcher tr = Pattern.compile("<tr id=[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(table);
    while (tr.find()) {
      List<String> row = new ArrayList<>();
      Matcher td = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(tr.group(1));
      while (td.find()) {
        row.add(td.group(1).replaceAll("<[^>]+>", "").strip());
      }
      cells.add(row.get(index));
    }
    return cells;
  }

  /** The table with this id, as HTML. */
  static String table(String page, String id) {
    int start = page.indexOf("<table id=\"" + id + "\"");
    assertThat(start).as("table %s in the page", id).isNotNegative();
    return page.substring(start, page.indexOf("</table>", start));
  }

  /** Where the link with this id goes, as the page writes it (HTML-escaped ampersands undone). */
  static String link(String page, String id) {
    Matcher href = Pattern.compile("id=\"" + id + "\" href=\"([^\"]+)\"").matcher(page);
    assertThat(href.find()).as("link %s in the page", id).isTrue();
    return href.group(1).replace("&amp;", "&");
  }

  /** The table row with this id, as HTML. */
  static String row(String page, String id) {
    int start = page.indexOf("id=\"" + id + "\"");
    assertThat(start).as("row %s in the page", id).isNotNegative();
    return page.substring(start, page.indexOf("</tr>", start));
  }
}
