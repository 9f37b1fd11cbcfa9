package cn.zhengyin.licence.rendition;

import cn.zhengyin.licence.licencetype.FieldDefinition;
import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.sealing.XmlSealer;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XmlFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

/**
 * Builds the structured XML rendition of a licence version ({@code templates/schema/licence-document.xsd}, namespace
 * {@value #NAMESPACE}) from the same values the PDF is drawn from, and validates it against the schema.
 *
 * <p>The document element {@code LicenceDocument} has {@code Id="licence-<identifier>"} ({@link #documentId}); the
 * enveloped XAdES signature references it (see {@link XmlSealer}). The schema and the XMLDSig schema it imports are
 * read from the classpath only: the schema factory is hardened ({@link SecureXml#newSchemaFactory()}, no external
 * access) and a resource resolver serves the import. Thread-safe.
 */
public final class LicenceXmlRenderer {
    public static final String NAMESPACE = "urn:zhengyin:licence:1";
    static final String SCHEMA_FOLDER = "schema/";
    static final String SCHEMA = "licence-document.xsd";

    private final Schema schema;

    public LicenceXmlRenderer() {
        this.schema = loadSchema();
    }

    /** The value of the document element's {@code Id}: an XML NCName derived from the identifier. */
    public static String documentId(LicenceIdentifier identifier) {
        return "licence-" + identifier;
    }

    /**
     * @param type        the licence type
     * @param fieldValues values already accepted by {@code FieldValidator}, as text (dates ISO yyyy-MM-dd); keys the
     *                    type does not declare are ignored; every declared field is written, empty when absent
     * @param metadata    identifier, issuer and dates
     * @return the unsigned document, valid against the schema
     * @throws LicenceRenderingException if the result does not validate (e.g. a required metadata value is empty)
     */
    public Document render(LicenceType type, Map<String, String> fieldValues, LicenceXmlMetadata metadata) {
        Document doc = SecureXml.newDocumentBuilder().newDocument();
        Element root = doc.createElementNS(NAMESPACE, "LicenceDocument");
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", NAMESPACE);
        root.setAttributeNS(null, "Id", documentId(metadata.identifier()));
        doc.appendChild(root);

        Element md = child(root, "Metadata");
        text(md, "CertificateName", type.descriptor().name());
        text(md, "CertificateTypeCode", type.typeCode());
        text(md, "CertificateTypeName", type.descriptor().name());
        text(md, "CertificateNumber", role(type, fieldValues, FieldRole.LICENCE_NUMBER));
        text(md, "CertificateIdentifier", metadata.identifier().toString());
        text(md, "CertificateIssuingAuthorityName", metadata.issuingAuthorityName());
        text(md, "CertificateIssuingAuthorityCode", metadata.issuingAuthorityCode());
        text(md, "CertificateIssuedDate", metadata.issuedOn().toString());
        text(md, "CertificateHolderName", role(type, fieldValues, FieldRole.HOLDER_NAME));
        text(md, "CertificateHolderCode", role(type, fieldValues, FieldRole.HOLDER_CODE));
        text(md, "CertificateHolderTypeName", type.descriptor().holderCodeType().label());
        text(md, "CertificateHolderTypeCode", type.descriptor().holderCodeType().code());
        text(md, "CertificateEffectiveDate", metadata.validFrom().toString());
        metadata.validUntil().ifPresent(until -> text(md, "CertificateExpiringDate", until.toString()));
        text(md, "Version", metadata.identifier().versionCode());

        Element fields = child(root, "Fields");
        for (FieldDefinition field : type.fields()) {
            Element element = text(
                    fields,
                    "Field",
                    Optional.ofNullable(fieldValues.get(field.key())).orElse("").strip());
            element.setAttributeNS(null, "key", field.key());
            element.setAttributeNS(null, "label", field.labelZh());
            element.setAttributeNS(null, "type", field.type().name());
        }
        validate(doc);
        return doc;
    }

    /** Serialises a rendered (or signed) document as UTF-8. */
    public static byte[] toBytes(Document doc) {
        return SecureXml.serialize(doc);
    }

    /**
     * @throws LicenceRenderingException naming the first schema violation
     */
    public void validate(Document doc) {
        try {
            newValidator().validate(new DOMSource(doc));
        } catch (SAXException | IOException e) {
            throw new LicenceRenderingException(
                    "The licence XML does not conform to " + SCHEMA + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses with the hardened parser and validates, e.g. a signed document as stored.
     *
     * @throws LicenceRenderingException if the bytes are unacceptable XML or violate the schema
     */
    public void validate(byte[] xml) {
        try {
            validate(SecureXml.parse(xml));
        } catch (XmlFormatException e) {
            throw new LicenceRenderingException(e.getMessage(), e);
        }
    }

    private Validator newValidator() throws SAXException {
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return validator;
    }

    private static String role(LicenceType type, Map<String, String> values, FieldRole role) {
        return type.fieldWithRole(role)
                .map(f -> values.getOrDefault(f.key(), ""))
                .orElse("")
                .strip();
    }

    private static Element child(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElementNS(NAMESPACE, name);
        parent.appendChild(element);
        return element;
    }

    private static Element text(Element parent, String name, String value) {
        Element element = child(parent, name);
        element.setTextContent(value);
        return element;
    }

    private static Schema loadSchema() {
        SchemaFactory factory = SecureXml.newSchemaFactory();
        factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
            if (systemId == null || systemId.contains("/") || systemId.contains(":")) {
                throw new IllegalStateException("schema import '" + systemId + "' refused: only sibling files in "
                        + SCHEMA_FOLDER + " on the classpath are loaded");
            }
            return classpathInput(systemId, publicId);
        });
        URL main = LicenceXmlRenderer.class.getResource(SCHEMA_FOLDER + SCHEMA);
        if (main == null) {
            throw new IllegalStateException(
                    SCHEMA + " is not on the classpath (licence-service packages " + "templates/schema)");
        }
        try (InputStream in = main.openStream()) {
            return factory.newSchema(new StreamSource(in, SCHEMA));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("cannot load " + SCHEMA + ": " + e.getMessage(), e);
        }
    }

    private static LSInput classpathInput(String name, String publicId) {
        InputStream in = LicenceXmlRenderer.class.getResourceAsStream(SCHEMA_FOLDER + name);
        if (in == null) {
            throw new IllegalStateException("schema import " + name + " is not on the classpath next to " + SCHEMA);
        }
        return new ClasspathInput(name, publicId, in);
    }

    /** An LSInput over a classpath stream. */
    private record ClasspathInput(String systemId, String publicId, InputStream stream) implements LSInput {
        @Override
        public java.io.Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(java.io.Reader characterStream) {}

        @Override
        public InputStream getByteStream() {
            return stream;
        }

        @Override
        public void setByteStream(InputStream byteStream) {}

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String stringData) {}

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public void setSystemId(String systemId) {}

        @Override
        public String getPublicId() {
            return publicId;
        }

        @Override
        public void setPublicId(String publicId) {}

        @Override
        public String getBaseURI() {
            return null;
        }

        @Override
        public void setBaseURI(String baseURI) {}

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {}

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {}
    }
}
