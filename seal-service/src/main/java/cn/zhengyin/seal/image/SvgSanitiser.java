package cn.zhengyin.seal.image;

import cn.zhengyin.seal.image.ImageRejectedException.Reason;
import cn.zhengyin.seal.image.ImageRejectedException.Violation;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XmlFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks an uploaded SVG against an allow-list and re-serialises the parsed tree.
 *
 * <p><b>Policy: reject, don't repair.</b> Anything that can execute, load or reference something outside the file is
 * refused with the complete list of offending nodes ({@link ImageRejectedException.Violation}); the uploader fixes the
 * file and uploads again, and what is stored is exactly what they saw. Only inert editor data is silently dropped:
 * comments, processing instructions, {@code <metadata>}, elements and attributes in the Inkscape, Sodipodi, RDF and
 * Dublin Core namespaces, and stray character data outside {@code <title>}/{@code <desc>}.
 *
 * <ul>
 *   <li>Parser: no DTD ({@code <!DOCTYPE>} is refused, which also rules out entities, XXE and entity expansion), no
 *       external entities, no XInclude, secure processing on.</li>
 *   <li>Elements: {@value #ALLOWED_ELEMENTS_TEXT}. Refused with a specific reason: {@code script}, {@code foreignObject},
 *       {@code image}, {@code text}/{@code tspan}/{@code textPath} (fonts are not embedded: convert text to paths),
 *       {@code style}, {@code a}, animation elements; anything else is refused as not on the list.</li>
 *   <li>Attributes: geometry and presentation attributes only; {@code on*} event handlers refused; {@code href} and
 *       {@code xlink:href} only as a local {@code #id}; {@code url(…)} in any attribute or {@code style} only as
 *       {@code url(#id)}; {@code style} must not contain {@code @import}, {@code expression(} or
 *       {@code javascript:}.</li>
 *   <li>Size: at most {@value #MAX_ELEMENTS} elements, nesting depth {@value #MAX_DEPTH}.</li>
 * </ul>
 *
 * <p>The physical size in millimetres comes from the root's {@code width}/{@code height} (mm, cm, in, pt, pc, px at
 * 96/in, or unitless = px); without them the {@code viewBox} width and height are taken as millimetres.
 */
public final class SvgSanitiser {
    public static final String SVG_NS = "http://www.w3.org/2000/svg";
    static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    static final int MAX_ELEMENTS = 20_000;
    static final int MAX_DEPTH = 64;
    static final String ALLOWED_ELEMENTS_TEXT =
            "svg, g, defs, title, desc, path, circle, ellipse, rect, line, polyline, "
                    + "polygon, use, clipPath, linearGradient, radialGradient, stop";

    private static final Set<String> ALLOWED_ELEMENTS = Set.of(
            "svg",
            "g",
            "defs",
            "title",
            "desc",
            "path",
            "circle",
            "ellipse",
            "rect",
            "line",
            "polyline",
            "polygon",
            "use",
            "clipPath",
            "linearGradient",
            "radialGradient",
            "stop");
    private static final Map<String, String> REFUSED_ELEMENTS = Map.ofEntries(
            Map.entry("script", "scripts are never allowed"),
            Map.entry("foreignObject", "foreignObject embeds HTML and is never allowed"),
            Map.entry("image", "image embeds or loads another (possibly remote) image; draw with paths instead"),
            Map.entry("text", "text needs fonts, which are not embedded; convert text to paths (outlines)"),
            Map.entry("tspan", "text needs fonts, which are not embedded; convert text to paths (outlines)"),
            Map.entry("textPath", "text needs fonts, which are not embedded; convert text to paths (outlines)"),
            Map.entry("style", "style sheets can load external resources; use presentation attributes"),
            Map.entry("a", "links are not allowed in a seal image"),
            Map.entry("animate", "animation is not allowed in a seal image"),
            Map.entry("animateTransform", "animation is not allowed in a seal image"),
            Map.entry("animateMotion", "animation is not allowed in a seal image"),
            Map.entry("set", "animation is not allowed in a seal image"),
            Map.entry("iframe", "embedded documents are never allowed"));
    private static final Set<String> ALLOWED_ATTRIBUTES = Set.of(
            "id",
            "class",
            "style",
            "version",
            "baseProfile",
            "width",
            "height",
            "x",
            "y",
            "viewBox",
            "preserveAspectRatio",
            "transform",
            "d",
            "pathLength",
            "points",
            "cx",
            "cy",
            "r",
            "rx",
            "ry",
            "x1",
            "y1",
            "x2",
            "y2",
            "fx",
            "fy",
            "fr",
            "offset",
            "gradientUnits",
            "gradientTransform",
            "spreadMethod",
            "clipPathUnits",
            "clip-path",
            "clip-rule",
            "fill",
            "fill-opacity",
            "fill-rule",
            "stroke",
            "stroke-width",
            "stroke-linecap",
            "stroke-linejoin",
            "stroke-miterlimit",
            "stroke-dasharray",
            "stroke-dashoffset",
            "stroke-opacity",
            "opacity",
            "stop-color",
            "stop-opacity",
            "color",
            "display",
            "visibility",
            "vector-effect",
            "shape-rendering",
            "paint-order",
            "href");
    private static final Set<String> EDITOR_NAMESPACES = Set.of(
            "http://www.inkscape.org/namespaces/inkscape",
            "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "http://purl.org/dc/elements/1.1/",
            "http://creativecommons.org/ns#",
            "http://web.resource.org/cc/");
    private static final Pattern LOCAL_REFERENCE = Pattern.compile("#[A-Za-z_][A-Za-z0-9_.:-]*");
    private static final Pattern URL = Pattern.compile("url\\s*\\(\\s*['\"]?\\s*([^)'\"]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LENGTH =
            Pattern.compile("\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(mm|cm|in|pt|pc|px)?\\s*");

    /** The cleaned document and its physical size. */
    public record SanitisedSvg(byte[] content, double widthMm, double heightMm) {}

    /**
     * @throws ImageRejectedException {@code UNSAFE_SVG} listing every offending node, {@code INVALID_IMAGE} if the XML
     *                                is not well-formed or has no usable size, {@code UNSUPPORTED_TYPE} if the root is
     *                                not an SVG {@code <svg>} element
     */
    public SanitisedSvg sanitise(byte[] svg) {
        String head = new String(svg, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        if (head.contains("<!DOCTYPE") || head.contains("<!ENTITY")) {
            throw new ImageRejectedException(
                    Reason.UNSAFE_SVG,
                    "SVG is refused: it contains a DOCTYPE/ENTITY "
                            + "declaration; DTDs enable external entity (XXE) and entity-expansion attacks. Remove the "
                            + "<!DOCTYPE …> line (SVG needs none)",
                    List.of(new Violation("/!DOCTYPE", "DTD declarations are not allowed")));
        }
        Document document = parse(svg);
        Element root = document.getDocumentElement();
        if (!"svg".equals(root.getLocalName()) || !SVG_NS.equals(root.getNamespaceURI())) {
            throw new ImageRejectedException(
                    Reason.UNSUPPORTED_TYPE,
                    "the XML file's root element is <"
                            + root.getNodeName() + "> in namespace " + root.getNamespaceURI()
                            + "; an SVG image has root <svg> "
                            + "in namespace " + SVG_NS);
        }
        List<Violation> violations = new ArrayList<>();
        int[] count = {0};
        clean(root, "/svg", 1, violations, count);
        stripDocumentLevel(document);
        if (!violations.isEmpty()) {
            throw new ImageRejectedException(
                    Reason.UNSAFE_SVG,
                    "SVG is refused: " + violations.size()
                            + " node(s) are outside the allowed SVG subset ("
                            + violations.stream()
                                    .map(Violation::node)
                                    .limit(10)
                                    .reduce((a, b) -> a + ", " + b)
                                    .orElse("")
                            + "); remove them and upload again",
                    violations);
        }
        double[] size = sizeMm(root);
        return new SanitisedSvg(serialise(document), size[0], size[1]);
    }

    private static Document parse(byte[] svg) {
        try {
            // hardened parser: no DTD, no entities, bounded depth and attributes; errors are fatal
            DocumentBuilder builder = SecureXml.newDocumentBuilder();
            return builder.parse(new ByteArrayInputStream(svg));
        } catch (SAXParseException e) {
            if (e.getMessage() != null && e.getMessage().contains("DOCTYPE")) {
                throw new ImageRejectedException(
                        Reason.UNSAFE_SVG,
                        "SVG is refused: DTD declarations are not allowed",
                        List.of(new Violation("/!DOCTYPE", "DTD declarations are not allowed")));
            }
            throw new ImageRejectedException(
                    Reason.INVALID_IMAGE,
                    "the SVG is not well-formed XML (line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                            + "): " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new ImageRejectedException(Reason.INVALID_IMAGE, "the SVG cannot be parsed: " + e.getMessage());
        }
    }

    private static void clean(Element element, String path, int depth, List<Violation> violations, int[] count) {
        if (++count[0] > MAX_ELEMENTS || depth > MAX_DEPTH) {
            if (violations.stream().noneMatch(v -> v.node().equals("/svg"))) {
                violations.add(new Violation(
                        "/svg", "more than " + MAX_ELEMENTS + " elements or nesting deeper than " + MAX_DEPTH));
            }
            return;
        }
        cleanAttributes(element, path, violations);
        Map<String, Integer> seen = new java.util.HashMap<>();
        List<Node> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            children.add(child);
        }
        String name = element.getLocalName();
        boolean textAllowed = "title".equals(name) || "desc".equals(name);
        for (Node child : children) {
            switch (child.getNodeType()) {
                case Node.ELEMENT_NODE -> {
                    Element e = (Element) child;
                    String local = e.getLocalName() == null ? e.getNodeName() : e.getLocalName();
                    String childPath = path + "/" + local + "[" + seen.merge(local, 1, Integer::sum) + "]";
                    String ns = e.getNamespaceURI();
                    if (ns != null && EDITOR_NAMESPACES.contains(ns) || SVG_NS.equals(ns) && "metadata".equals(local)) {
                        element.removeChild(e); // inert editor data
                    } else if (!SVG_NS.equals(ns)) {
                        violations.add(new Violation(childPath, "element in namespace " + ns + " is not allowed"));
                    } else if (REFUSED_ELEMENTS.containsKey(local)) {
                        violations.add(new Violation(childPath, REFUSED_ELEMENTS.get(local)));
                    } else if (!ALLOWED_ELEMENTS.contains(local)) {
                        violations.add(new Violation(
                                childPath,
                                "element <" + local + "> is not allowed; allowed: " + ALLOWED_ELEMENTS_TEXT));
                    } else {
                        clean(e, childPath, depth + 1, violations, count);
                    }
                }
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                    if (!textAllowed && !child.getNodeValue().isBlank()) {
                        element.removeChild(child);
                    }
                }
                case Node.ENTITY_REFERENCE_NODE ->
                    violations.add(new Violation(
                            path + "/&" + child.getNodeName() + ";", "entity references are not allowed"));
                default -> element.removeChild(child); // comments, processing instructions
            }
        }
    }

    private static void cleanAttributes(Element element, String path, List<Violation> violations) {
        NamedNodeMap attributes = element.getAttributes();
        List<Attr> all = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            all.add((Attr) attributes.item(i));
        }
        for (Attr a : all) {
            String ns = a.getNamespaceURI();
            String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
            String where = path + "/@" + a.getName();
            String value = a.getValue();
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(ns)) {
                continue; // namespace declarations
            }
            if (ns != null && EDITOR_NAMESPACES.contains(ns)) {
                element.removeAttributeNode(a);
                continue;
            }
            if (local.toLowerCase(Locale.ROOT).startsWith("on")) {
                violations.add(new Violation(where, "event handler attributes (on…) are never allowed"));
                continue;
            }
            boolean href = "href".equals(local) && (ns == null || XLINK_NS.equals(ns));
            if (href) {
                if (!LOCAL_REFERENCE.matcher(value.strip()).matches()) {
                    violations.add(new Violation(
                            where,
                            "reference '" + abbreviate(value)
                                    + "' is not a local #id; external and data: references are not allowed"));
                }
                continue;
            }
            if (XMLConstants.XML_NS_URI.equals(ns) && ("space".equals(local) || "lang".equals(local))) {
                continue;
            }
            if (ns != null || !ALLOWED_ATTRIBUTES.contains(local)) {
                violations.add(new Violation(where, "attribute '" + a.getName() + "' is not allowed"));
                continue;
            }
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.contains("javascript:")
                    || lower.contains("expression(")
                    || lower.contains("@import")
                    || lower.contains("behavior:")
                    || lower.contains("-moz-binding")) {
                violations.add(new Violation(where, "value '" + abbreviate(value) + "' contains script or an import"));
                continue;
            }
            Matcher url = URL.matcher(value);
            while (url.find()) {
                if (!LOCAL_REFERENCE.matcher(url.group(1).strip()).matches()) {
                    violations.add(new Violation(
                            where,
                            "url(" + abbreviate(url.group(1))
                                    + ") is not a local #id; external resources are not allowed"));
                    break;
                }
            }
        }
    }

    private static void stripDocumentLevel(Document document) {
        List<Node> nodes = new ArrayList<>();
        for (Node n = document.getFirstChild(); n != null; n = n.getNextSibling()) {
            nodes.add(n);
        }
        nodes.stream().filter(n -> n.getNodeType() != Node.ELEMENT_NODE).forEach(document::removeChild);
    }

    private static double[] sizeMm(Element root) {
        double[] viewBox = null;
        String vb = root.getAttribute("viewBox").strip();
        if (!vb.isEmpty()) {
            String[] parts = vb.split("[\\s,]+");
            try {
                if (parts.length == 4) {
                    viewBox = new double[] {Double.parseDouble(parts[2]), Double.parseDouble(parts[3])};
                }
            } catch (NumberFormatException e) {
                viewBox = null;
            }
        }
        double w = lengthMm(root.getAttribute("width"));
        double h = lengthMm(root.getAttribute("height"));
        if (viewBox != null) {
            if (w <= 0 && h <= 0) {
                w = viewBox[0];
                h = viewBox[1];
            } else if (w <= 0) {
                w = h * viewBox[0] / viewBox[1];
            } else if (h <= 0) {
                h = w * viewBox[1] / viewBox[0];
            }
        }
        if (!(w > 0 && h > 0 && Double.isFinite(w) && Double.isFinite(h))) {
            throw new ImageRejectedException(
                    Reason.INVALID_IMAGE,
                    "the SVG has no usable size: give the root <svg> a "
                            + "viewBox=\"0 0 W H\" (taken as millimetres) or width/height with units (e.g. width=\"42mm\")");
        }
        return new double[] {w, h};
    }

    private static double lengthMm(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        Matcher m = LENGTH.matcher(value);
        if (!m.matches()) {
            return -1;
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "px" : m.group(2);
        return switch (unit) {
            case "mm" -> v;
            case "cm" -> v * 10;
            case "in" -> v * 25.4;
            case "pt" -> v * 25.4 / 72;
            case "pc" -> v * 25.4 / 6;
            default -> v * 25.4 / 96;
        };
    }

    private static byte[] serialise(Document document) {
        try {
            return SecureXml.serialize(document);
        } catch (XmlFormatException e) {
            throw new IllegalStateException("the sanitised SVG cannot be serialised: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
