package cn.zhengyin.trust.xml;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.xml.security.c14n.Canonicalizer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The one shape of {@code ds:SignedInfo} Zhengyin produces and accepts (an allow-list, XMLDSig Best Practices §2):
 * exclusive canonicalisation (with or without comments), ecdsa-sha256 or rsa-sha256, and exactly two references
 * with SHA-256 digests:
 * <ol>
 *   <li>the signed document: a same-document bare-name reference {@code #<Id>}, no Type, transforms
 *       enveloped-signature optionally followed by exclusive c14n;</li>
 *   <li>the XAdES signed properties: {@code #<Id>} with Type {@value #SIGNED_PROPERTIES_TYPE}, no transform or one
 *       exclusive c14n.</li>
 * </ol>
 * Nothing else is allowed: no XPath, XPointer ({@code #xpointer(..)}) or XSLT, no external or empty URIs (an empty URI
 * would sign "the whole document" without saying which element is the signed root, so the Id reference is required),
 * no HMAC output length. Whether the ids name the right elements is the verifier's job; this class only judges
 * SignedInfo itself, so the seal service can refuse to act as a blind signing oracle.
 */
public final class SignedInfoPolicy {

    public static final String XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
    public static final String XADES_NS = "http://uri.etsi.org/01903/v1.3.2#";
    public static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public static final String EXC_C14N_WITH_COMMENTS = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
    public static final String ENVELOPED_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public static final String SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties";
    public static final Set<String> SIGNATURE_METHODS = Set.of(ECDSA_SHA256, RSA_SHA256);
    private static final Set<String> C14N = Set.of(EXC_C14N, EXC_C14N_WITH_COMMENTS);
    private static final Pattern BARE_NAME = Pattern.compile("#[A-Za-z_][A-Za-z0-9._\\-]*");

    private SignedInfoPolicy() {}

    /**
     * What an acceptable SignedInfo says.
     *
     * @param canonicalizationMethod      the SignedInfo's c14n algorithm URI
     * @param signatureMethod             the signature algorithm URI
     * @param documentReferenceId         the Id the document reference points at (without '#')
     * @param signedPropertiesReferenceId the Id of the XAdES SignedProperties it points at (without '#')
     */
    public record Shape(
            String canonicalizationMethod,
            String signatureMethod,
            String documentReferenceId,
            String signedPropertiesReferenceId) {}

    /**
     * @param signedInfo a {@code ds:SignedInfo} element
     * @throws XmlFormatException naming the first rule broken
     */
    public static Shape inspect(Element signedInfo) {
        requireDsig(signedInfo, "SignedInfo");
        List<Element> children = elements(signedInfo);
        if (children.size() < 3) {
            throw reject("ds:SignedInfo must hold CanonicalizationMethod, SignatureMethod and two References; it has "
                    + children.size() + " child element(s)");
        }
        Element c14n = children.get(0);
        requireDsig(c14n, "CanonicalizationMethod");
        String c14nMethod = c14n.getAttribute("Algorithm");
        if (!C14N.contains(c14nMethod) || !elements(c14n).isEmpty()) {
            throw reject("CanonicalizationMethod " + c14nMethod + " is not allowed; use exclusive c14n " + EXC_C14N
                    + " without parameters");
        }
        Element method = children.get(1);
        requireDsig(method, "SignatureMethod");
        String signatureMethod = method.getAttribute("Algorithm");
        if (!SIGNATURE_METHODS.contains(signatureMethod) || !elements(method).isEmpty()) {
            throw reject("SignatureMethod " + signatureMethod + " is not allowed; use " + ECDSA_SHA256 + " or "
                    + RSA_SHA256 + " without parameters");
        }
        List<Element> references = children.subList(2, children.size());
        if (references.size() != 2) {
            throw reject("ds:SignedInfo must hold exactly two References (the document and the XAdES "
                    + "SignedProperties); it has " + references.size());
        }
        Optional<String> documentId = Optional.empty();
        Optional<String> propertiesId = Optional.empty();
        for (Element reference : references) {
            requireDsig(reference, "Reference");
            String type = reference.getAttribute("Type");
            String id = referencedId(reference);
            List<String> transforms = transforms(reference);
            requireSha256(reference);
            if (type.isEmpty()) {
                if (documentId.isPresent()) {
                    throw reject("two References without Type: only one document reference is allowed");
                }
                boolean allowed = (transforms.size() == 1 || transforms.size() == 2)
                        && transforms.get(0).equals(ENVELOPED_SIGNATURE)
                        && (transforms.size() == 1 || C14N.contains(transforms.get(1)));
                if (!allowed) {
                    throw reject("the document Reference must have the transforms enveloped-signature then exclusive "
                            + "c14n; it has " + transforms);
                }
                documentId = Optional.of(id);
            } else if (type.equals(SIGNED_PROPERTIES_TYPE)) {
                if (propertiesId.isPresent()) {
                    throw reject("two SignedProperties References");
                }
                if (transforms.size() > 1 || (transforms.size() == 1 && !C14N.contains(transforms.get(0)))) {
                    throw reject("the SignedProperties Reference may only have one exclusive c14n transform; it has "
                            + transforms);
                }
                propertiesId = Optional.of(id);
            } else {
                throw reject("Reference Type " + type + " is not allowed");
            }
        }
        if (documentId.isEmpty() || propertiesId.isEmpty()) {
            throw reject("ds:SignedInfo must reference both the document and the XAdES SignedProperties");
        }
        if (documentId.get().equals(propertiesId.get())) {
            throw reject("both References point at the same Id " + documentId.get());
        }
        return new Shape(c14nMethod, signatureMethod, documentId.get(), propertiesId.get());
    }

    /** Inclusive canonical XML 1.0 and 1.1, with or without comments (plain XMLDSig producers use them). */
    public static final Set<String> INCLUSIVE_C14N = Set.of(
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
            "http://www.w3.org/2006/12/xml-c14n11",
            "http://www.w3.org/2006/12/xml-c14n11#WithComments");

    private static final Set<String> ANY_C14N = union(C14N, INCLUSIVE_C14N);
    private static final Set<String> DIGESTS =
            Set.of(SHA256, "http://www.w3.org/2001/04/xmldsig-more#sha384", "http://www.w3.org/2001/04/xmlenc#sha512");
    private static final Set<String> PLAIN_SIGNATURE_METHODS = Set.of(
            ECDSA_SHA256,
            RSA_SHA256,
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512");

    /**
     * A plain enveloped XMLDSig as other producers make it (policy {@code baseline}): canonicalisation exclusive or
     * inclusive (1.0 or 1.1), an ECDSA or RSA signature with SHA-256/384/512, and exactly one Reference to the whole
     * document: {@code URI=""} or a bare-name {@code #Id}, no Type, transforms enveloped-signature optionally followed
     * by one canonicalisation, SHA-256/384/512 digest. Still refused: XPath, XPath Filter 2, XSLT, XPointer, external
     * URIs, HMAC. Whether {@code #Id} names the document element is the verifier's job.
     *
     * @return the shape, with {@code documentReferenceId} empty for {@code URI=""} and no SignedProperties reference
     * @throws XmlFormatException naming the first rule broken
     */
    public static Shape inspectEnveloped(Element signedInfo) {
        requireDsig(signedInfo, "SignedInfo");
        List<Element> children = elements(signedInfo);
        if (children.size() != 3) {
            throw reject("a plain enveloped signature has CanonicalizationMethod, SignatureMethod and exactly one "
                    + "Reference; ds:SignedInfo has " + children.size() + " child element(s)");
        }
        Element c14n = children.get(0);
        requireDsig(c14n, "CanonicalizationMethod");
        String c14nMethod = c14n.getAttribute("Algorithm");
        if (!ANY_C14N.contains(c14nMethod) || !elements(c14n).isEmpty()) {
            throw reject("CanonicalizationMethod " + c14nMethod + " is not allowed");
        }
        Element method = children.get(1);
        requireDsig(method, "SignatureMethod");
        String signatureMethod = method.getAttribute("Algorithm");
        if (!PLAIN_SIGNATURE_METHODS.contains(signatureMethod)
                || !elements(method).isEmpty()) {
            throw reject("SignatureMethod " + signatureMethod + " is not allowed (ECDSA or RSA with SHA-2 only)");
        }
        Element reference = children.get(2);
        requireDsig(reference, "Reference");
        if (!reference.getAttribute("Type").isEmpty()) {
            throw reject("the document Reference has a Type");
        }
        if (!reference.hasAttribute("URI")) {
            throw reject("a Reference without URI is not allowed");
        }
        String uri = reference.getAttribute("URI");
        if (!uri.isEmpty() && !BARE_NAME.matcher(uri).matches()) {
            throw reject("Reference URI '" + uri + "' is not allowed; only URI=\"\" (the whole document) or a "
                    + "bare-name #<Id> of the document element (no XPointer or external resource)");
        }
        List<Element> referenceParts = elements(reference);
        List<String> transforms = new ArrayList<>();
        if (!referenceParts.isEmpty() && isDsig(referenceParts.get(0), "Transforms")) {
            for (Element transform : elements(referenceParts.get(0))) {
                requireDsig(transform, "Transform");
                String algorithm = transform.getAttribute("Algorithm");
                boolean inclusiveNamespaces = elements(transform).stream()
                        .allMatch(p -> C14N.contains(algorithm)
                                && EXC_C14N.equals(p.getNamespaceURI())
                                && "InclusiveNamespaces".equals(p.getLocalName()));
                if ((!algorithm.equals(ENVELOPED_SIGNATURE) && !ANY_C14N.contains(algorithm)) || !inclusiveNamespaces) {
                    throw reject("Transform " + algorithm + " is not allowed; only enveloped-signature and "
                            + "canonicalisation are (no XPath, XPath Filter 2, XSLT or base64)");
                }
                transforms.add(algorithm);
            }
        }
        boolean allowed = (transforms.size() == 1 || transforms.size() == 2)
                && transforms.get(0).equals(ENVELOPED_SIGNATURE)
                && (transforms.size() == 1 || ANY_C14N.contains(transforms.get(1)));
        if (!allowed) {
            throw reject("the Reference must have the transforms enveloped-signature then at most one "
                    + "canonicalisation; it has " + transforms);
        }
        Element digestMethod = referenceParts.stream()
                .filter(e -> isDsig(e, "DigestMethod"))
                .findFirst()
                .orElseThrow(() -> reject("the Reference has no DigestMethod"));
        if (!DIGESTS.contains(digestMethod.getAttribute("Algorithm"))) {
            throw reject("DigestMethod " + digestMethod.getAttribute("Algorithm") + " is not allowed (SHA-2 only)");
        }
        return new Shape(c14nMethod, signatureMethod, uri.isEmpty() ? "" : uri.substring(1), "");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /**
     * Checks bytes that are to be signed as a canonical SignedInfo: they must parse (hardened) as a lone
     * {@code ds:SignedInfo} of the allowed shape, and be exactly its canonical form, so what is checked is what is
     * signed.
     *
     * @param signatureMethods the signature methods the caller's key can produce (a subset of
     *                         {@link #SIGNATURE_METHODS})
     * @throws XmlFormatException naming the first rule broken
     */
    public static Shape inspectCanonical(byte[] canonicalSignedInfo, Set<String> signatureMethods) {
        Document doc = SecureXml.parse(canonicalSignedInfo, 64 * 1024);
        Element root = doc.getDocumentElement();
        Shape shape = inspect(root);
        if (!signatureMethods.contains(shape.signatureMethod())) {
            throw reject("SignatureMethod " + shape.signatureMethod() + " does not match the key, which signs with "
                    + signatureMethods);
        }
        if (!Arrays.equals(canonicalize(root, shape.canonicalizationMethod()), canonicalSignedInfo)) {
            throw reject("the bytes are not the canonical form (" + shape.canonicalizationMethod()
                    + ") of the SignedInfo they contain");
        }
        return shape;
    }

    static byte[] canonicalize(Node node, String algorithm) {
        Santuario.init();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Canonicalizer.getInstance(algorithm).canonicalizeSubtree(node, out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new XmlFormatException("cannot canonicalise with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    private static String referencedId(Element reference) {
        if (!reference.hasAttribute("URI")) {
            throw reject("a Reference without URI is not allowed");
        }
        String uri = reference.getAttribute("URI");
        if (!BARE_NAME.matcher(uri).matches()) {
            throw reject("Reference URI '" + uri + "' is not allowed; only same-document bare-name references "
                    + "#<Id> are (no empty URI, XPointer or external resource)");
        }
        return uri.substring(1);
    }

    private static List<String> transforms(Element reference) {
        List<Element> children = elements(reference);
        if (children.isEmpty() || !isDsig(children.get(0), "Transforms")) {
            return List.of();
        }
        List<String> algorithms = new ArrayList<>();
        for (Element transform : elements(children.get(0))) {
            requireDsig(transform, "Transform");
            String algorithm = transform.getAttribute("Algorithm");
            if (!algorithm.equals(ENVELOPED_SIGNATURE) && !C14N.contains(algorithm)) {
                throw reject("Transform " + algorithm + " is not allowed; only enveloped-signature and exclusive "
                        + "c14n are (no XPath, XPath Filter 2, XSLT or base64)");
            }
            for (Element parameter : elements(transform)) {
                boolean inclusiveNamespaces = C14N.contains(algorithm)
                        && EXC_C14N.equals(parameter.getNamespaceURI())
                        && "InclusiveNamespaces".equals(parameter.getLocalName());
                if (!inclusiveNamespaces) {
                    throw reject("Transform " + algorithm + " has a parameter element " + parameter.getNodeName()
                            + "; none is allowed");
                }
            }
            algorithms.add(algorithm);
        }
        return algorithms;
    }

    private static void requireSha256(Element reference) {
        Element digestMethod = elements(reference).stream()
                .filter(e -> isDsig(e, "DigestMethod"))
                .findFirst()
                .orElseThrow(() -> reject("a Reference has no DigestMethod"));
        if (!SHA256.equals(digestMethod.getAttribute("Algorithm"))) {
            throw reject("DigestMethod " + digestMethod.getAttribute("Algorithm") + " is not allowed; use " + SHA256);
        }
    }

    static List<Element> elements(Node parent) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }

    static boolean isDsig(Node node, String localName) {
        return node instanceof Element
                && XMLDSIG_NS.equals(node.getNamespaceURI())
                && localName.equals(node.getLocalName());
    }

    private static void requireDsig(Element element, String localName) {
        if (!isDsig(element, localName)) {
            throw reject("expected ds:" + localName + " but found {" + element.getNamespaceURI() + "}"
                    + element.getLocalName());
        }
    }

    private static XmlFormatException reject(String why) {
        return new XmlFormatException("Signature rejected by policy: " + why + ".");
    }
}
