package cn.zhengyin.trust.xml;

import cn.zhengyin.trust.SuppressForbidden;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/**
 * Hardened JAXP factories (OWASP XML External Entity Prevention Cheat Sheet): every XML Zhengyin reads goes through
 * {@link #newDocumentBuilder()} or {@link #parse(byte[])}. Namespace aware; a document type declaration is a fatal
 * error (so no internal or external entities, no billion laughs); external DTDs, schemas and stylesheets are never
 * fetched; XInclude is off; JAXP secure processing and tight entity/depth limits are on as a second line.
 */
@SuppressForbidden // the hardened factories are made here, and only here
public final class SecureXml {

    /** Largest document {@link #parse(byte[])} accepts by default. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";

    private SecureXml() {}

    /**
     * @return a new builder (builders are not thread-safe; make one per use); it throws on any DTD, fatal errors and
     *         errors alike, and never resolves an entity
     */
    public static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setCoalescing(false);
            factory.setIgnoringComments(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute("jdk.xml.entityExpansionLimit", "0");
            factory.setAttribute("jdk.xml.maxGeneralEntitySizeLimit", "0");
            factory.setAttribute("jdk.xml.maxParameterEntitySizeLimit", "0");
            factory.setAttribute("jdk.xml.totalEntitySizeLimit", "0");
            factory.setAttribute("jdk.xml.maxElementDepth", "128");
            factory.setAttribute("jdk.xml.elementAttributeLimit", "64");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused: Zhengyin never resolves entities");
            });
            builder.setErrorHandler(STRICT);
            return builder;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the JAXP implementation does not support the required hardening: " + e.getMessage(), e);
        }
    }

    /** Parses with {@link #DEFAULT_MAX_BYTES}. */
    public static Document parse(byte[] xml) {
        return parse(xml, DEFAULT_MAX_BYTES);
    }

    /**
     * @throws XmlFormatException if the bytes are larger than {@code maxBytes}, not well-formed, or use a DTD
     */
    public static Document parse(byte[] xml, int maxBytes) {
        if (xml == null || xml.length == 0) {
            throw new XmlFormatException("The XML document is empty.");
        }
        if (xml.length > maxBytes) {
            throw new XmlFormatException(
                    "The XML document has " + xml.length + " bytes; at most " + maxBytes + " are accepted.");
        }
        try {
            return newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new XmlFormatException(
                    "The XML document is rejected: " + e.getMessage()
                            + " (document type declarations and entities are not allowed).",
                    e);
        } catch (IOException e) {
            throw new XmlFormatException("The XML document cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses a string (e.g. in tests); same rules as {@link #parse(byte[])}. */
    public static Document parse(String xml) {
        try {
            return newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new XmlFormatException("The XML document is rejected: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new XmlFormatException("The XML document cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * A schema factory that never fetches anything: imports and includes must be resolved by an
     * {@link org.w3c.dom.ls.LSResourceResolver} the caller sets (e.g. from the classpath).
     */
    public static SchemaFactory newSchemaFactory() {
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setErrorHandler(STRICT);
            return factory;
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException(
                    "the JAXP schema factory does not support the required hardening: " + e.getMessage(), e);
        }
    }

    /**
     * Serialises a document or element as UTF-8 with an XML declaration, without reformatting. Characters outside the
     * Basic Multilingual Plane (e.g. CJK Extension B in a name, 𠀀) are written as UTF-8 like every other character:
     * the JDK's serialisers write them as character references ({@code &#131072;}), which parsers read alike but text
     * tools (grep, a search index) do not.
     */
    public static byte[] serialize(Node node) {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            transformer.setOutputProperty(OutputKeys.METHOD, "xml");
            if (node instanceof Document doc) {
                doc.setXmlStandalone(true);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return supplementaryAsUtf8(out.toByteArray());
        } catch (TransformerException e) {
            throw new XmlFormatException("The XML document cannot be serialised: " + e.getMessage(), e);
        }
    }

    private static final Pattern SUPPLEMENTARY_REFERENCE = Pattern.compile("&#(\\d{5,7});");

    /**
     * Replaces the decimal character references the serialiser wrote for supplementary characters by the characters.
     * Every {@code &} of the document's own text was escaped as {@code &amp;}, so each {@code &#N;} is such a
     * reference; the ones below U+10000 (none are written in UTF-8 output) stay as they are.
     */
    private static byte[] supplementaryAsUtf8(byte[] xml) {
        String text = new String(xml, StandardCharsets.UTF_8);
        if (!text.contains("&#")) {
            return xml;
        }
        Matcher m = SUPPLEMENTARY_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            int cp = Integer.parseInt(m.group(1));
            m.appendReplacement(
                    out,
                    cp >= Character.MIN_SUPPLEMENTARY_CODE_POINT && cp <= Character.MAX_CODE_POINT
                            ? Matcher.quoteReplacement(Character.toString(cp))
                            : "$0");
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Makes warnings harmless and errors fatal, without the default handler's printing to stderr. */
    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // warnings do not change the outcome
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };
}
