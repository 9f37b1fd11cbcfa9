package cn.zhengyin.trust.ofd;

import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XmlFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The OFD namespace, hardened parsing of package parts, and ST_Loc resolution (GB/T 33190 §7.3, §7.4). */
final class OfdXml {

    static final String NS = "http://www.ofdspec.org/2016";
    /** An OFD XML part is small; a licence's largest is the page content (tens of KB). */
    static final int MAX_PART_BYTES = 4 * 1024 * 1024;

    private OfdXml() {}

    static Document parse(OfdPackage pkg, String path) {
        byte[] bytes =
                pkg.part(path).orElseThrow(() -> new OfdFormatException("The package has no part " + path + "."));
        try {
            Document doc = SecureXml.parse(bytes, MAX_PART_BYTES);
            Element root = doc.getDocumentElement();
            if (!NS.equals(root.getNamespaceURI())) {
                throw new OfdFormatException(path + " is not in the OFD namespace " + NS + ".");
            }
            return doc;
        } catch (XmlFormatException e) {
            throw new OfdFormatException(path + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    static Optional<Element> child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        if (found.size() > 1) {
            throw new OfdFormatException("<" + parent.getLocalName() + "> has " + found.size() + " <" + localName
                    + "> elements; one is allowed.");
        }
        return found.stream().findFirst();
    }

    static String text(Element parent, String localName, String where) {
        return child(parent, localName)
                .map(e -> e.getTextContent().strip())
                .filter(s -> !s.isEmpty())
                .orElseThrow(() -> new OfdFormatException(where + " has no <ofd:" + localName + ">."));
    }

    /**
     * Resolves an ST_Loc: absolute ({@code /Doc_0/…}) from the package root, else relative to the directory of the
     * part that names it. Returns the part path without a leading slash.
     *
     * @throws OfdFormatException if the location leaves the package ({@code ..} above the root)
     */
    static String resolve(String fromPart, String loc) {
        String base = loc.startsWith("/")
                ? ""
                : (fromPart.contains("/") ? fromPart.substring(0, fromPart.lastIndexOf('/')) : "");
        List<String> segments = new ArrayList<>();
        for (String s : (base + "/" + loc).split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (segments.isEmpty()) {
                    throw new OfdFormatException("Location '" + loc + "' in " + fromPart + " leaves the package.");
                }
                segments.remove(segments.size() - 1);
            } else {
                segments.add(s);
            }
        }
        return String.join("/", segments);
    }
}
