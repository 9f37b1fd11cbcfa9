package cn.zhengyin.trust.ses;

import java.io.IOException;
import java.math.BigInteger;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DLSequence;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * DER codec for GB/T 38540-2020 (v4) seals and seal signatures, also reading the GM/T 0031-2014 (v1/v2) layout.
 * The layout is told by structure: an SESeal of 2 elements is GM/T 0031-2014, of 4 elements GB/T 38540-2020 (header
 * version 5 and a 5-element SESeal are GM/T 0031-2025, not supported); an SES_Signature of 2 elements is 2014, of
 * 4 or 5 elements v4.
 *
 * <p>Decoding is strict and bounded: at most {@link #MAX_INPUT_BYTES} bytes, DER definite lengths only (checked by a
 * non-recursive scan before parsing, nesting at most {@value #MAX_DEPTH} levels), no trailing bytes, every element
 * of the declared type. Tolerated, as found in the field: an explicit {@code critical FALSE} in ExtData, and for
 * {@code timeStamp} / TBS_Sign {@code extDatas} the {@code [0]} tag EXPLICIT (what Zhengyin writes), IMPLICIT or
 * absent. Anything else throws {@link SesFormatException}. Encoding is DER, {@code [0]} EXPLICIT.
 */
public final class SesCodec {

    /** Largest accepted input: {@value} bytes (4 MiB). */
    public static final int MAX_INPUT_BYTES = 4 * 1024 * 1024;
    /** Deepest accepted nesting of constructed elements. */
    static final int MAX_DEPTH = 12;

    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern(
                    "yyyyMMddHHmmss'Z'", java.util.Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SesCodec() {}

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes an SESeal, GB/T 38540-2020 or GM/T 0031-2014.
     *
     * @throws SesFormatException if the bytes are not a well-formed SESeal of either layout
     */
    public static ElectronicSeal decodeSeal(byte[] encoded) {
        ASN1Primitive root = parse(encoded, "SESeal");
        return guarded("SESeal", () -> seal(root, encoded, "SESeal"));
    }

    /**
     * Decodes an SES_Signature, GB/T 38540-2020 or GM/T 0031-2014.
     *
     * @throws SesFormatException if the bytes are not a well-formed SES_Signature of either layout
     */
    public static SealSignature decodeSignature(byte[] encoded) {
        ASN1Primitive root = parse(encoded, "SES_Signature");
        return guarded("SES_Signature", () -> signature(root, encoded));
    }

    private interface Decoding<T> {
        T run() throws IOException;
    }

    /** Any parser surprise becomes a format exception, never an NPE/ClassCast/IndexOutOfBounds. */
    private static <T> T guarded(String what, Decoding<T> decoding) {
        try {
            return decoding.run();
        } catch (SesFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SesFormatException(what + " is malformed: " + e.getMessage(), e);
        }
    }

    private static ASN1Primitive parse(byte[] encoded, String what) {
        DerScanner.check(encoded, MAX_INPUT_BYTES, MAX_DEPTH, what);
        try (ASN1InputStream in = new ASN1InputStream(encoded)) {
            ASN1Primitive primitive = in.readObject();
            if (primitive == null || !Arrays.equals(primitive.getEncoded(ASN1Encoding.DL), encoded)) {
                throw new SesFormatException(what + " is not in canonical definite-length form (non-minimal "
                        + "lengths or constructed strings); GB/T 38540 structures are DER.");
            }
            return primitive;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SesFormatException f) {
                throw f;
            }
            throw new SesFormatException(what + " cannot be parsed as ASN.1: " + e.getMessage(), e);
        }
    }

    private static ElectronicSeal seal(ASN1Encodable element, byte[] encoded, String path) throws IOException {
        ASN1Sequence seal = sequence(element, path);
        switch (seal.size()) {
            case 4 -> {
                SealInfo info = sealInfo(seal.getObjectAt(0), path + ".eSealInfo", false);
                if (info.header().version() >= 5) {
                    throw new SesFormatException(
                            path + " header version " + info.header().version()
                                    + " is GM/T 0031-2025, which is not supported; GB/T 38540-2020 seals have version 4.");
                }
                return new ElectronicSeal.V4(
                        info,
                        octets(seal.getObjectAt(1), path + ".cert"),
                        oid(seal.getObjectAt(2), path + ".signAlgID"),
                        bits(seal.getObjectAt(3), path + ".signedValue"),
                        der(seal.getObjectAt(0)),
                        encoded);
            }
            case 2 -> {
                SealInfo info = sealInfo(seal.getObjectAt(0), path + ".esealInfo", true);
                ASN1Sequence signInfo = sequence(seal.getObjectAt(1), path + ".signInfo");
                size(signInfo, 3, 3, path + ".signInfo (SES_SignInfo: cert, signatureAlgorithm, signData)");
                byte[] signedData = new DLSequence(new ASN1Encodable[] {
                            seal.getObjectAt(0), signInfo.getObjectAt(0), signInfo.getObjectAt(1)
                        })
                        .getEncoded(ASN1Encoding.DL);
                return new ElectronicSeal.V2014(
                        info,
                        octets(signInfo.getObjectAt(0), path + ".signInfo.cert"),
                        oid(signInfo.getObjectAt(1), path + ".signInfo.signatureAlgorithm"),
                        bits(signInfo.getObjectAt(2), path + ".signInfo.signData"),
                        signedData,
                        encoded);
            }
            default ->
                throw new SesFormatException(path + " has " + seal.size() + " elements; GB/T 38540-2020 "
                        + "has 4 (eSealInfo, cert, signAlgID, signedValue), GM/T 0031-2014 has 2 (esealInfo, signInfo); "
                        + "5 is GM/T 0031-2025, not supported.");
        }
    }

    private static SealInfo sealInfo(ASN1Encodable element, String path, boolean layout2014) {
        ASN1Sequence info = sequence(element, path);
        size(info, 4, 5, path + " (SES_SealInfo: header, esID, property, picture[, extDatas])");
        ASN1Sequence header = sequence(info.getObjectAt(0), path + ".header");
        size(header, 3, 3, path + ".header (SES_Header: ID, version, Vid)");
        SealHeader sealHeader = new SealHeader(
                ia5(header.getObjectAt(0), path + ".header.ID"),
                smallInt(header.getObjectAt(1), path + ".header.version"),
                ia5(header.getObjectAt(2), path + ".header.Vid"));
        if (!SealHeader.ID.equals(sealHeader.id())) {
            throw new SesFormatException(path + ".header.ID is \"" + sealHeader.id() + "\"; it must be \"ES\".");
        }
        List<ExtData> extDatas = info.size() == 5
                ? extensions(layout2014 ? untagOptional(info.getObjectAt(4)) : info.getObjectAt(4), path + ".extDatas")
                : List.of();
        return new SealInfo(
                sealHeader,
                ia5(info.getObjectAt(1), path + ".esID"),
                property(info.getObjectAt(2), path + ".property", layout2014),
                picture(info.getObjectAt(3), path + ".picture"),
                extDatas);
    }

    private static SealProperty property(ASN1Encodable element, String path, boolean layout2014) {
        ASN1Sequence p = sequence(element, path);
        int type = 0;
        String name = null;
        CertList certList;
        int next;
        if (layout2014) {
            size(
                    p,
                    6,
                    6,
                    path + " (GM/T 0031-2014 SES_ESPropertyInfo: type, name, certList, createDate, "
                            + "validStart, validEnd)");
            certList = certificates(p.getObjectAt(2), path + ".certList");
            next = 3;
        } else {
            size(
                    p,
                    7,
                    7,
                    path + " (SES_ESPropertyInfo: type, name, certListType, certList, createDate, "
                            + "validStart, validEnd)");
            int listType = smallInt(p.getObjectAt(2), path + ".certListType");
            certList = switch (listType) {
                case 1 -> certificates(p.getObjectAt(3), path + ".certList");
                case 2 -> digests(p.getObjectAt(3), path + ".certList");
                default ->
                    throw new SesFormatException(path + ".certListType is " + listType
                            + "; GB/T 38540 defines 1 (certificates) and 2 (certificate digests).");
            };
            next = 4;
        }
        type = smallInt(p.getObjectAt(0), path + ".type");
        name = utf8(p.getObjectAt(1), path + ".name");
        return new SealProperty(
                type,
                name,
                certList,
                time(p.getObjectAt(next), path + ".createDate"),
                time(p.getObjectAt(next + 1), path + ".validStart"),
                time(p.getObjectAt(next + 2), path + ".validEnd"));
    }

    private static CertList certificates(ASN1Encodable element, String path) {
        ASN1Sequence list = sequence(element, path);
        List<byte[]> certs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            certs.add(octets(list.getObjectAt(i), path + "[" + i + "]"));
        }
        return new CertList.Certificates(certs);
    }

    private static CertList digests(ASN1Encodable element, String path) {
        ASN1Sequence list = sequence(element, path);
        List<CertList.CertDigest> digests = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            ASN1Sequence digest = sequence(list.getObjectAt(i), at);
            size(digest, 2, 2, at + " (CertDigestObj: type, value)");
            if (!(digest.getObjectAt(0) instanceof ASN1PrintableString type)) {
                throw wrongType(at + ".type", "PrintableString", digest.getObjectAt(0));
            }
            digests.add(new CertList.CertDigest(type.getString(), octets(digest.getObjectAt(1), at + ".value")));
        }
        return new CertList.Digests(digests);
    }

    private static SealPicture picture(ASN1Encodable element, String path) {
        ASN1Sequence p = sequence(element, path);
        size(p, 4, 4, path + " (SES_ESPictrueInfo: type, data, width, height)");
        return new SealPicture(
                ia5(p.getObjectAt(0), path + ".type"),
                octets(p.getObjectAt(1), path + ".data"),
                smallInt(p.getObjectAt(2), path + ".width"),
                smallInt(p.getObjectAt(3), path + ".height"));
    }

    private static List<ExtData> extensions(ASN1Encodable element, String path) {
        ASN1Sequence list = sequence(element, path);
        List<ExtData> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            ASN1Sequence ext = sequence(list.getObjectAt(i), at);
            size(ext, 2, 3, at + " (ExtData: extnID, critical DEFAULT FALSE, extnValue)");
            boolean critical = false;
            if (ext.size() == 3) {
                if (!(ext.getObjectAt(1) instanceof ASN1Boolean b)) {
                    throw wrongType(at + ".critical", "BOOLEAN", ext.getObjectAt(1));
                }
                critical = b.isTrue();
            }
            result.add(new ExtData(
                    oid(ext.getObjectAt(0), at + ".extnID"),
                    critical,
                    octets(ext.getObjectAt(ext.size() - 1), at + ".extnValue")));
        }
        return result;
    }

    private static SealSignature signature(ASN1Primitive root, byte[] encoded) throws IOException {
        String path = "SES_Signature";
        ASN1Sequence s = sequence(root, path);
        switch (s.size()) {
            case 4, 5 -> {
                ToBeSigned.V4 toSign = toSignV4(s.getObjectAt(0), path + ".toSign");
                Optional<byte[]> timeStamp = Optional.empty();
                if (s.size() == 5) {
                    timeStamp = Optional.of(timeStamp(s.getObjectAt(4), path + ".timeStamp"));
                }
                return new SealSignature.V4(
                        toSign,
                        octets(s.getObjectAt(1), path + ".cert"),
                        oid(s.getObjectAt(2), path + ".signatureAlgID"),
                        bits(s.getObjectAt(3), path + ".signature"),
                        timeStamp,
                        encoded);
            }
            case 2 -> {
                ToBeSigned.V2014 toSign = toSign2014(s.getObjectAt(0), path + ".toSign");
                Optional<byte[]> token = timeStampToken(toSign.timeInfo());
                return new SealSignature.V2014(toSign, bits(s.getObjectAt(1), path + ".signature"), token, encoded);
            }
            default ->
                throw new SesFormatException(path + " has " + s.size() + " elements; GB/T 38540-2020 has 4 "
                        + "or 5 (toSign, cert, signatureAlgID, signature[, timeStamp]), GM/T 0031-2014 has 2 (toSign, "
                        + "signature).");
        }
    }

    private static ToBeSigned.V4 toSignV4(ASN1Encodable element, String path) throws IOException {
        ASN1Sequence t = sequence(element, path);
        size(t, 5, 6, path + " (TBS_Sign: version, eseal, timeInfo, dataHash, propertyInfo[, extDatas])");
        ElectronicSeal seal = seal(t.getObjectAt(1), der(t.getObjectAt(1)), path + ".eseal");
        if (!(seal instanceof ElectronicSeal.V4)) {
            throw new SesFormatException(path + ".eseal is a GM/T 0031-2014 seal inside a GB/T 38540-2020 "
                    + "signature; a v4 signature carries a v4 seal.");
        }
        List<ExtData> ext = t.size() == 6 ? extensions(untagOptional(t.getObjectAt(5)), path + ".extDatas") : List.of();
        return new ToBeSigned.V4(
                smallInt(t.getObjectAt(0), path + ".version"),
                seal,
                time(t.getObjectAt(2), path + ".timeInfo"),
                bits(t.getObjectAt(3), path + ".dataHash"),
                ia5(t.getObjectAt(4), path + ".propertyInfo"),
                ext,
                der(t));
    }

    private static ToBeSigned.V2014 toSign2014(ASN1Encodable element, String path) throws IOException {
        ASN1Sequence t = sequence(element, path);
        size(
                t,
                7,
                7,
                path + " (GM/T 0031-2014 TBS_Sign: version, eseal, timeInfo, dataHash, propertyInfo, cert, "
                        + "signatureAlgorithm)");
        ElectronicSeal seal = seal(t.getObjectAt(1), der(t.getObjectAt(1)), path + ".eseal");
        byte[] timeInfo = bits(t.getObjectAt(2), path + ".timeInfo");
        return new ToBeSigned.V2014(
                smallInt(t.getObjectAt(0), path + ".version"),
                seal,
                timeInfo,
                timeOf(timeInfo),
                bits(t.getObjectAt(3), path + ".dataHash"),
                ia5(t.getObjectAt(4), path + ".propertyInfo"),
                octets(t.getObjectAt(5), path + ".cert"),
                oid(t.getObjectAt(6), path + ".signatureAlgorithm"),
                der(t));
    }

    /** timeStamp: [0] EXPLICIT BIT STRING (written), [0] IMPLICIT BIT STRING, or an untagged BIT STRING. */
    private static byte[] timeStamp(ASN1Encodable element, String path) {
        ASN1Encodable inner = element;
        if (element instanceof ASN1TaggedObject tagged) {
            if (tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC || tagged.getTagNo() != 0) {
                throw new SesFormatException(path + " has tag [" + tagged.getTagNo() + "]; expected [0].");
            }
            inner = tagged.isExplicit() ? tagged.getExplicitBaseObject() : ASN1BitString.getInstance(tagged, false);
        }
        return bits(inner, path);
    }

    /** extDatas: [0] EXPLICIT SEQUENCE (written), [0] IMPLICIT SEQUENCE, or untagged. */
    private static ASN1Encodable untagOptional(ASN1Encodable element) {
        if (element instanceof ASN1TaggedObject tagged
                && tagged.getTagClass() == BERTags.CONTEXT_SPECIFIC
                && tagged.getTagNo() == 0) {
            if (tagged.isExplicit()) {
                ASN1Encodable base = tagged.getExplicitBaseObject();
                // [0] IMPLICIT with exactly one ExtData looks explicit: its base then starts with an OID.
                if (base instanceof ASN1Sequence s && s.size() > 0 && s.getObjectAt(0) instanceof ASN1Sequence) {
                    return base;
                }
                if (base instanceof ASN1Sequence s && s.size() == 0) {
                    return base;
                }
            }
            return ASN1Sequence.getInstance(tagged, false);
        }
        return element;
    }

    private static Optional<Instant> timeOf(byte[] timeInfo) {
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(timeInfo);
            if (p instanceof ASN1UTCTime utc) {
                return Optional.of(utc.getAdjustedDate().toInstant());
            }
            if (p instanceof ASN1GeneralizedTime generalized) {
                return Optional.of(generalized.getDate().toInstant());
            }
            return timeStampToken(timeInfo).map(t -> {
                try {
                    return new TimeStampToken(ContentInfo.getInstance(t))
                            .getTimeStampInfo()
                            .getGenTime()
                            .toInstant();
                } catch (Exception e) {
                    return null;
                }
            });
        } catch (IOException | ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> timeStampToken(byte[] timeInfo) {
        try {
            DerScanner.check(timeInfo, MAX_INPUT_BYTES, 64, "timeInfo");
            ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(timeInfo));
            return PKCSObjectIdentifiers.signedData.equals(info.getContentType())
                    ? Optional.of(timeInfo)
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ element readers

    private static ASN1Sequence sequence(ASN1Encodable e, String path) {
        if (e instanceof ASN1Sequence s) {
            return s;
        }
        throw wrongType(path, "SEQUENCE", e);
    }

    private static void size(ASN1Sequence s, int min, int max, String what) {
        if (s.size() < min || s.size() > max) {
            throw new SesFormatException(what + " has " + s.size() + " elements; expected "
                    + (min == max ? String.valueOf(min) : min + " to " + max) + ".");
        }
    }

    private static String ia5(ASN1Encodable e, String path) {
        if (e instanceof ASN1IA5String s) {
            return s.getString();
        }
        throw wrongType(path, "IA5String", e);
    }

    private static String utf8(ASN1Encodable e, String path) {
        if (e instanceof ASN1UTF8String s) {
            return s.getString();
        }
        throw wrongType(path, "UTF8String", e);
    }

    private static int smallInt(ASN1Encodable e, String path) {
        if (!(e instanceof ASN1Integer i)) {
            throw wrongType(path, "INTEGER", e);
        }
        BigInteger value = i.getValue();
        if (value.bitLength() > 31) {
            throw new SesFormatException(path + " is " + value + "; values beyond 32-bit are not accepted.");
        }
        return value.intValueExact();
    }

    private static byte[] octets(ASN1Encodable e, String path) {
        if (e instanceof ASN1OctetString s) {
            return s.getOctets();
        }
        throw wrongType(path, "OCTET STRING", e);
    }

    private static byte[] bits(ASN1Encodable e, String path) {
        if (!(e instanceof ASN1BitString s)) {
            throw wrongType(path, "BIT STRING", e);
        }
        if (s.getPadBits() != 0) {
            throw new SesFormatException(
                    path + " has " + s.getPadBits() + " unused bits; it must hold whole " + "octets.");
        }
        return s.getOctets();
    }

    private static String oid(ASN1Encodable e, String path) {
        if (e instanceof ASN1ObjectIdentifier o) {
            return o.getId();
        }
        throw wrongType(path, "OBJECT IDENTIFIER", e);
    }

    /** GeneralizedTime (GB/T 38540) or UTCTime (GM/T 0031-2014). */
    private static Instant time(ASN1Encodable e, String path) {
        try {
            if (e instanceof ASN1GeneralizedTime g) {
                return g.getDate().toInstant();
            }
            if (e instanceof ASN1UTCTime u) {
                return u.getAdjustedDate().toInstant();
            }
        } catch (ParseException | RuntimeException ex) {
            throw new SesFormatException(path + " is not a valid time: " + ex.getMessage(), ex);
        }
        throw wrongType(path, "GeneralizedTime", e);
    }

    private static SesFormatException wrongType(String path, String expected, ASN1Encodable found) {
        String kind = found == null
                ? "nothing"
                : found.toASN1Primitive().getClass().getSimpleName().replaceFirst("^(DER|DL|BER|ASN1)", "");
        return new SesFormatException(path + " must be " + expected + "; found " + kind + ".");
    }

    private static byte[] der(ASN1Encodable e) throws IOException {
        return e.toASN1Primitive().getEncoded(ASN1Encoding.DL);
    }

    // ------------------------------------------------------------------ encoding (DER, v4)

    /** @return DER of SES_SealInfo (GB/T 38540-2020), what the seal maker signs */
    public static byte[] encode(SealInfo info) {
        return derOf(sealInfo(info));
    }

    static byte[] encodeSealV4(byte[] sealInfoDer, byte[] makerCertificate, String signAlgId, byte[] signedValue) {
        return derOf(new DERSequence(new ASN1Encodable[] {
            reparse(sealInfoDer),
            new DEROctetString(makerCertificate),
            new ASN1ObjectIdentifier(signAlgId),
            new DERBitString(signedValue)
        }));
    }

    static byte[] encodeToBeSignedV4(
            int version,
            byte[] sealDer,
            Instant timeInfo,
            byte[] dataHash,
            String propertyInfo,
            List<ExtData> extDatas) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(version));
        v.add(reparse(sealDer));
        v.add(generalizedTime(timeInfo));
        v.add(new DERBitString(dataHash));
        v.add(ia5(propertyInfo, "propertyInfo"));
        if (!extDatas.isEmpty()) {
            v.add(new DERTaggedObject(true, 0, extensions(extDatas)));
        }
        return derOf(new DERSequence(v));
    }

    static byte[] encodeSignatureV4(
            byte[] toSignDer,
            byte[] signerCertificate,
            String signatureAlgId,
            byte[] signature,
            Optional<byte[]> timeStampToken) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(reparse(toSignDer));
        v.add(new DEROctetString(signerCertificate));
        v.add(new ASN1ObjectIdentifier(signatureAlgId));
        v.add(new DERBitString(signature));
        timeStampToken.ifPresent(t -> v.add(new DERTaggedObject(true, 0, new DERBitString(t))));
        return derOf(new DERSequence(v));
    }

    private static DERSequence sealInfo(SealInfo info) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        SealHeader h = info.header();
        v.add(new DERSequence(new ASN1Encodable[] {
            ia5(h.id(), "header.ID"), new ASN1Integer(h.version()), ia5(h.vendorId(), "header.Vid")
        }));
        v.add(ia5(info.esId(), "esID"));
        SealProperty p = info.property();
        ASN1EncodableVector list = new ASN1EncodableVector();
        switch (p.certList()) {
            case CertList.Certificates c -> c.certificates().forEach(cert -> list.add(new DEROctetString(cert)));
            case CertList.Digests d ->
                d.digests()
                        .forEach(dig -> list.add(new DERSequence(new ASN1Encodable[] {
                            new DERPrintableString(dig.type(), true), new DEROctetString(dig.value())
                        })));
        }
        v.add(new DERSequence(new ASN1Encodable[] {
            new ASN1Integer(p.type()),
            new DERUTF8String(p.name()),
            new ASN1Integer(p.certListType()),
            new DERSequence(list),
            generalizedTime(p.createDate()),
            generalizedTime(p.validStart()),
            generalizedTime(p.validEnd())
        }));
        SealPicture pic = info.picture();
        v.add(new DERSequence(new ASN1Encodable[] {
            ia5(pic.type(), "picture.type"),
            new DEROctetString(pic.data()),
            new ASN1Integer(pic.widthMm()),
            new ASN1Integer(pic.heightMm())
        }));
        if (!info.extDatas().isEmpty()) {
            v.add(extensions(info.extDatas()));
        }
        return new DERSequence(v);
    }

    private static DERSequence extensions(List<ExtData> extDatas) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        for (ExtData e : extDatas) {
            ASN1EncodableVector x = new ASN1EncodableVector();
            x.add(new ASN1ObjectIdentifier(e.extnId()));
            if (e.critical()) {
                x.add(ASN1Boolean.TRUE);
            }
            x.add(new DEROctetString(e.value()));
            v.add(new DERSequence(x));
        }
        return new DERSequence(v);
    }

    private static DERIA5String ia5(String value, String what) {
        if (!DERIA5String.isIA5String(value)) {
            throw new SesException(what + " \"" + value + "\" is not IA5 (ASCII) text, as GB/T 38540 requires.");
        }
        return new DERIA5String(value);
    }

    /** GeneralizedTime in whole seconds, UTC ({@code yyyyMMddHHmmssZ}, DER per X.690 §11.7). */
    private static DERGeneralizedTime generalizedTime(Instant time) {
        return new DERGeneralizedTime(GENERALIZED_TIME.format(time));
    }

    private static ASN1Primitive reparse(byte[] der) {
        try {
            return ASN1Primitive.fromByteArray(der);
        } catch (IOException e) {
            throw new SesException("Cannot re-read an encoding just produced: " + e.getMessage(), e);
        }
    }

    private static byte[] derOf(ASN1Encodable e) {
        try {
            return e.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException ex) {
            throw new SesException("Cannot DER-encode: " + ex.getMessage(), ex);
        }
    }
}
