package org.radflow.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The report parsed as XML (it is well-formed XHTML; parsing fails otherwise), with XPath to ask
 * what it shows.
 */
final class ReportPage {

  private final Document document;

  private ReportPage(Document document) {
    this.document = document;
  }

  static ReportPage parse(String html) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setExpandEntityReferences(false);
      return new ReportPage(
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8))));
    } catch (Exception e) {
      throw new AssertionError("the report is not well-formed: " + e.getMessage(), e);
    }
  }

  List<Node> all(String xpath) {
    try {
      NodeList nodes =
          (NodeList)
              XPathFactory.newInstance()
                  .newXPath()
                  .evaluate(xpath, document, XPathConstants.NODESET);
      List<Node> elements = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        elements.add(nodes.item(i));
      }
      return elements;
    } catch (Exception e) {
      throw new AssertionError("bad XPath " + xpath, e);
    }
  }

  int count(String xpath) {
    return all(xpath).size();
  }

  /** The text of the one element at {@code xpath}, spaces collapsed. */
  String text(String xpath) {
    List<Node> found = all(xpath);
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " elements at " + xpath + ", expected one");
    }
    return found.get(0).getTextContent().replaceAll("\\s+", " ").trim();
  }

  List<String> texts(String xpath) {
    return all(xpath).stream().map(e -> e.getTextContent().replaceAll("\\s+", " ").trim()).toList();
  }
}
