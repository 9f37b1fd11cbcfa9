package cn.zhengyin.trust.trustlist;

import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.pki.PkiException;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XmlFormatException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The XML form of a trust list. Element names and nesting follow ETSI TS 119 612 (TrustServiceStatusList,
 * SchemeInformation, TrustServiceProviderList/TrustServiceProvider/TSPServices/TSPService/ServiceInformation,
 * ServiceDigitalIdentity, ServiceStatus, StatusStartingTime, ServiceHistory), in Zhengyin's own namespace
 * {@value #NAMESPACE} because the list adds what TS 119 612 has no element for (USCC, region, licence type codes,
 * authorisation period) and is not a EU trusted list:
 *
 * <pre>{@code
 * <TrustServiceStatusList xmlns="urn:zhengyin:trust-list:1" Id="trust-list">
 *   <SchemeInformation>
 *     <TSLVersionIdentifier>1</TSLVersionIdentifier> <TSLSequenceNumber>3</TSLSequenceNumber>
 *     <TSLType>urn:zhengyin:trust-list:1:licence-issuers</TSLType>
 *     <SchemeOperatorName>…</SchemeOperatorName> <SchemeName>…</SchemeName> <SchemeTerritory>CN</SchemeTerritory>
 *     <ListIssueDateTime>2026-03-01T00:00:00Z</ListIssueDateTime> <NextUpdate><dateTime>…</dateTime></NextUpdate>
 *   </SchemeInformation>
 *   <TrustServiceProviderList>
 *     <TrustServiceProvider>
 *       <TSPInformation><TSPName>…</TSPName><TSPRegistrationIdentifier>USCC</TSPRegistrationIdentifier>
 *         <TSPRegion>…</TSPRegion></TSPInformation>
 *       <TSPServices><TSPService>
 *         <ServiceInformation>
 *           <ServiceTypeIdentifier>urn:zhengyin:trust-list:1:licence-issuance</ServiceTypeIdentifier>
 *           <ServiceDigitalIdentity><DigitalId><X509Certificate>base64 DER</X509Certificate></DigitalId>…
 *           </ServiceDigitalIdentity>
 *           <ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus>
 *           <StatusStartingTime>…</StatusStartingTime>
 *           <LicenceTypeCodes><LicenceTypeCode>11100000XF0000001X001</LicenceTypeCode></LicenceTypeCodes>
 *           <AuthorisationPeriod><From>…</From><Until>…</Until></AuthorisationPeriod>
 *         </ServiceInformation>
 *         <ServiceHistory><ServiceHistoryInstance><ServiceStatus/><StatusStartingTime/></ServiceHistoryInstance>
 *         </ServiceHistory>
 *       </TSPService></TSPServices>
 *     </TrustServiceProvider>
 *   </TrustServiceProviderList>
 *   <ds:Signature>…</ds:Signature>
 * </TrustServiceStatusList>
 * }</pre>
 *
 * Reading is strict: every element in its place, nothing unknown (a typo must not pass silently). The history is
 * written newest first (as TS 119 612 does) and read in any order.
 */
public final class TrustListXml {
    public static final String NAMESPACE = "urn:zhengyin:trust-list:1";
    public static final String ROOT_ID = "trust-list";
    public static final String TSL_TYPE = "urn:zhengyin:trust-list:1:licence-issuers";
    public static final String SERVICE_TYPE = "urn:zhengyin:trust-list:1:licence-issuance";
    static final String VERSION = "1";
    private static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    private TrustListXml() {}

    /** The unsigned XML document of a list (sign it with {@link TrustListSigner}). */
    public static Document toDocument(TrustList list) {
        Document doc = SecureXml.newDocumentBuilder().newDocument();
        Element root = doc.createElementNS(NAMESPACE, "TrustServiceStatusList");
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", NAMESPACE);
        root.setAttributeNS(null, "Id", ROOT_ID);
        doc.appendChild(root);
        SchemeInformation s = list.scheme();
        Element scheme = add(root, "SchemeInformation");
        text(scheme, "TSLVersionIdentifier", VERSION);
        text(scheme, "TSLSequenceNumber", Long.toString(s.sequenceNumber()));
        text(scheme, "TSLType", TSL_TYPE);
        text(scheme, "SchemeOperatorName", s.operatorName());
        text(scheme, "SchemeName", s.schemeName());
        text(scheme, "SchemeTerritory", s.territory());
        text(scheme, "ListIssueDateTime", s.issued().toString());
        text(add(scheme, "NextUpdate"), "dateTime", s.nextUpdate().toString());
        Element providers = add(root, "TrustServiceProviderList");
        for (ListedAuthority a : list.authorities()) {
            Element provider = add(providers, "TrustServiceProvider");
            Element info = add(provider, "TSPInformation");
            text(info, "TSPName", a.name());
            text(info, "TSPRegistrationIdentifier", a.uscc().value());
            text(info, "TSPRegion", a.region());
            Element service = add(add(provider, "TSPServices"), "TSPService");
            Element si = add(service, "ServiceInformation");
            text(si, "ServiceTypeIdentifier", SERVICE_TYPE);
            Element identity = add(si, "ServiceDigitalIdentity");
            for (X509Certificate certificate : a.caCertificates()) {
                text(add(identity, "DigitalId"), "X509Certificate", base64(certificate));
            }
            text(si, "ServiceStatus", a.currentStatus().status().uri());
            text(si, "StatusStartingTime", a.currentStatus().since().toString());
            Element codes = add(si, "LicenceTypeCodes");
            a.licenceTypeCodes().forEach(code -> text(codes, "LicenceTypeCode", code));
            Element period = add(si, "AuthorisationPeriod");
            text(period, "From", a.validFrom().toString());
            a.validUntil().ifPresent(until -> text(period, "Until", until.toString()));
            List<StatusChange> earlier =
                    a.statusHistory().subList(0, a.statusHistory().size() - 1);
            if (!earlier.isEmpty()) {
                Element history = add(service, "ServiceHistory");
                for (StatusChange change : earlier.reversed()) {
                    Element instance = add(history, "ServiceHistoryInstance");
                    text(instance, "ServiceStatus", change.status().uri());
                    text(instance, "StatusStartingTime", change.since().toString());
                }
            }
        }
        indent(root, 0);
        root.appendChild(doc.createTextNode("\n"));
        return doc;
    }

    /** Whitespace between elements so people can read the list; the reader ignores it. */
    private static void indent(Element element, int depth) {
        List<Element> children = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                children.add(child);
            }
        }
        if (children.isEmpty()) {
            return;
        }
        Document doc = element.getOwnerDocument();
        for (Element child : children) {
            element.insertBefore(doc.createTextNode("\n" + "  ".repeat(depth + 1)), child);
            indent(child, depth + 1);
        }
        if (depth > 0) {
            element.appendChild(doc.createTextNode("\n" + "  ".repeat(depth)));
        }
    }

    /** The unsigned list as UTF-8 bytes. */
    public static byte[] toBytes(TrustList list) {
        return SecureXml.serialize(toDocument(list));
    }

    /**
     * Parses bytes without checking any signature (for {@code show} and for signing); use {@link TrustListVerifier}
     * before trusting the content.
     *
     * @throws TrustListException MALFORMED, naming what is wrong
     */
    public static TrustList parse(byte[] xml) {
        try {
            return read(SecureXml.parse(xml, TrustListVerifier.MAX_LIST_BYTES));
        } catch (XmlFormatException e) {
            throw new TrustListException(
                    TrustListException.Reason.MALFORMED, "The trust list is not acceptable XML: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a parsed document; a {@code ds:Signature} as the last child of the root is skipped.
     *
     * @throws TrustListException MALFORMED, naming what is wrong
     */
    public static TrustList read(Document doc) {
        try {
            return readRoot(doc.getDocumentElement());
        } catch (InvalidIdentifierException | PkiException | IllegalArgumentException e) {
            throw SchemeInformation.malformed(e.getMessage());
        }
    }

    private static TrustList readRoot(Element root) {
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"TrustServiceStatusList".equals(root.getLocalName())) {
            throw SchemeInformation.malformed("the document element is {" + root.getNamespaceURI() + "}"
                    + root.getLocalName() + ", not {" + NAMESPACE + "}TrustServiceStatusList");
        }
        if (!ROOT_ID.equals(root.getAttributeNS(null, "Id"))) {
            throw SchemeInformation.malformed(
                    "the document element's Id is '" + root.getAttributeNS(null, "Id") + "', not '" + ROOT_ID + "'");
        }
        Children top = new Children(root);
        SchemeInformation scheme = readScheme(top.next("SchemeInformation"));
        List<ListedAuthority> authorities = new ArrayList<>();
        Children providers = new Children(top.next("TrustServiceProviderList"));
        while (providers.has("TrustServiceProvider")) {
            authorities.add(readProvider(providers.next("TrustServiceProvider")));
        }
        providers.end();
        top.skipSignature();
        top.end();
        return new TrustList(scheme, authorities);
    }

    private static SchemeInformation readScheme(Element element) {
        Children c = new Children(element);
        String version = c.text("TSLVersionIdentifier");
        if (!VERSION.equals(version)) {
            throw SchemeInformation.malformed(
                    "TSLVersionIdentifier " + version + " is not supported (only " + VERSION + ")");
        }
        long sequence;
        String sequenceText = c.text("TSLSequenceNumber");
        try {
            sequence = Long.parseLong(sequenceText);
        } catch (NumberFormatException e) {
            throw SchemeInformation.malformed("TSLSequenceNumber '" + sequenceText + "' is not a number");
        }
        String type = c.text("TSLType");
        if (!TSL_TYPE.equals(type)) {
            throw SchemeInformation.malformed("TSLType '" + type + "' is not " + TSL_TYPE);
        }
        String operator = c.text("SchemeOperatorName");
        String name = c.text("SchemeName");
        String territory = c.text("SchemeTerritory");
        Instant issued = instant(c.text("ListIssueDateTime"), "ListIssueDateTime");
        Children next = new Children(c.next("NextUpdate"));
        Instant nextUpdate = instant(next.text("dateTime"), "NextUpdate/dateTime");
        next.end();
        c.end();
        return new SchemeInformation(sequence, operator, name, territory, issued, nextUpdate);
    }

    private static ListedAuthority readProvider(Element provider) {
        Children p = new Children(provider);
        Children info = new Children(p.next("TSPInformation"));
        String name = info.text("TSPName");
        UnifiedSocialCreditCode uscc = UnifiedSocialCreditCode.parse(info.text("TSPRegistrationIdentifier"));
        String region = info.text("TSPRegion");
        info.end();
        Children services = new Children(p.next("TSPServices"));
        Children service = new Children(services.next("TSPService"));
        if (services.has("TSPService")) {
            throw SchemeInformation.malformed(
                    name + " has more than one TSPService; list one licence-issuance" + " service per authority");
        }
        services.end();
        p.end();
        Children si = new Children(service.next("ServiceInformation"));
        String serviceType = si.text("ServiceTypeIdentifier");
        if (!SERVICE_TYPE.equals(serviceType)) {
            throw SchemeInformation.malformed(
                    name + ": ServiceTypeIdentifier '" + serviceType + "' is not " + SERVICE_TYPE);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Children identity = new Children(si.next("ServiceDigitalIdentity"));
        while (identity.has("DigitalId")) {
            Children id = new Children(identity.next("DigitalId"));
            certificates.add(certificate(id.text("X509Certificate"), name));
            id.end();
        }
        identity.end();
        List<StatusChange> history = new ArrayList<>();
        StatusChange current = new StatusChange(
                AuthorityStatus.fromUri(si.text("ServiceStatus")),
                instant(si.text("StatusStartingTime"), "StatusStartingTime"));
        List<String> codes = new ArrayList<>();
        Children codesElement = new Children(si.next("LicenceTypeCodes"));
        while (codesElement.has("LicenceTypeCode")) {
            codes.add(codesElement.text("LicenceTypeCode"));
        }
        codesElement.end();
        Children period = new Children(si.next("AuthorisationPeriod"));
        Instant from = instant(period.text("From"), "AuthorisationPeriod/From");
        Optional<Instant> until = period.has("Until")
                ? Optional.of(instant(period.text("Until"), "AuthorisationPeriod/Until"))
                : Optional.empty();
        period.end();
        si.end();
        if (service.has("ServiceHistory")) {
            Children h = new Children(service.next("ServiceHistory"));
            while (h.has("ServiceHistoryInstance")) {
                Children instance = new Children(h.next("ServiceHistoryInstance"));
                history.add(new StatusChange(
                        AuthorityStatus.fromUri(instance.text("ServiceStatus")),
                        instant(instance.text("StatusStartingTime"), "StatusStartingTime")));
                instance.end();
            }
            h.end();
        }
        service.end();
        history.sort(java.util.Comparator.comparing(StatusChange::since));
        if (!history.isEmpty() && !history.getLast().since().isBefore(current.since())) {
            throw SchemeInformation.malformed(name + ": a ServiceHistory status starts at "
                    + history.getLast().since() + ", not before the current status (" + current.since() + ")");
        }
        history.add(current);
        return new ListedAuthority(name, uscc, region, certificates, codes, from, until, history);
    }

    private static X509Certificate certificate(String base64, String authority) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw SchemeInformation.malformed(authority + ": an X509Certificate is not base64");
        }
        List<X509Certificate> parsed = Pem.parseCertificates(der);
        if (parsed.size() != 1) {
            throw SchemeInformation.malformed(authority + ": an X509Certificate must hold exactly one certificate");
        }
        return parsed.getFirst();
    }

    private static Instant instant(String text, String element) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw SchemeInformation.malformed(
                    element + " '" + text + "' is not an xs:dateTime with a time zone, e.g. 2026-03-01T00:00:00Z");
        }
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    private static Element add(Element parent, String localName) {
        Element child = parent.getOwnerDocument().createElementNS(NAMESPACE, localName);
        parent.appendChild(child);
        return child;
    }

    private static void text(Element parent, String localName, String value) {
        add(parent, localName).setTextContent(value);
    }

    /** Walks an element's child elements in order; text between them must be whitespace. */
    private static final class Children {
        private final Element parent;
        private final List<Element> elements = new ArrayList<>();
        private int position;

        Children(Element parent) {
            this.parent = parent;
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                switch (n.getNodeType()) {
                    case Node.ELEMENT_NODE -> elements.add((Element) n);
                    case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                        if (!n.getNodeValue().isBlank() && hasElementChildren(parent)) {
                            throw SchemeInformation.malformed("text '"
                                    + n.getNodeValue().strip() + "' between the elements of " + parent.getLocalName());
                        }
                    }
                    default -> {
                        // comments and processing instructions carry no meaning
                    }
                }
            }
        }

        private static boolean hasElementChildren(Element parent) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.ELEMENT_NODE) {
                    return true;
                }
            }
            return false;
        }

        boolean has(String localName) {
            return position < elements.size() && is(elements.get(position), localName);
        }

        Element next(String localName) {
            if (!has(localName)) {
                throw SchemeInformation.malformed("expected " + localName + " in " + parent.getLocalName()
                        + (position < elements.size()
                                ? " but found " + elements.get(position).getLocalName()
                                : " but it ends"));
            }
            return elements.get(position++);
        }

        String text(String localName) {
            Element element = next(localName);
            if (hasElementChildren(element)) {
                throw SchemeInformation.malformed(localName + " must hold text only");
            }
            String value = element.getTextContent().strip();
            if (value.isEmpty()) {
                throw SchemeInformation.malformed(localName + " in " + parent.getLocalName() + " is empty");
            }
            return value;
        }

        void skipSignature() {
            if (position < elements.size()
                    && DSIG.equals(elements.get(position).getNamespaceURI())
                    && "Signature".equals(elements.get(position).getLocalName())) {
                position++;
            }
        }

        void end() {
            if (position < elements.size()) {
                Element extra = elements.get(position);
                throw SchemeInformation.malformed("unexpected element {" + extra.getNamespaceURI() + "}"
                        + extra.getLocalName() + " in " + parent.getLocalName());
            }
        }

        private static boolean is(Element element, String localName) {
            return NAMESPACE.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
        }
    }
}
