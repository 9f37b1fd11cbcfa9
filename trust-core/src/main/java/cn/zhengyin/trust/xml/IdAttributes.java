package cn.zhengyin.trust.xml;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** Finds Id values used twice: any attribute named Id, ID or id in any namespace (incl. xml:id, wsu:Id). */
final class IdAttributes {
    private IdAttributes() {}

    static Optional<String> duplicates(Document doc) {
        Set<String> seen = new HashSet<>();
        return walk(doc.getDocumentElement(), seen);
    }

    private static Optional<String> walk(Element element, Set<String> seen) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attr = (Attr) attributes.item(i);
            String name = attr.getLocalName() != null ? attr.getLocalName() : attr.getName();
            if ((name.equals("Id") || name.equals("ID") || name.equals("id")) && !seen.add(attr.getValue())) {
                return Optional.of(attr.getValue());
            }
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                Optional<String> dup = walk(child, seen);
                if (dup.isPresent()) {
                    return dup;
                }
            }
        }
        return Optional.empty();
    }
}
