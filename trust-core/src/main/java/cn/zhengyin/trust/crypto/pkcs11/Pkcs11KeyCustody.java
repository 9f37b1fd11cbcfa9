package cn.zhengyin.trust.crypto.pkcs11;

import cn.zhengyin.trust.crypto.GeneratedKey;
import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.crypto.KeyCustodyException;
import cn.zhengyin.trust.crypto.KeyNotFoundException;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.SigningKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Key custody in a PKCS#11 token through the JDK's SunPKCS11 provider (configured at run time, not registered with
 * {@link Security}). Keys are ECDSA P-256 key pairs generated in the token; the private key is a token object with
 * {@code CKA_TOKEN}, {@code CKA_PRIVATE}, {@code CKA_SENSITIVE} true and {@code CKA_EXTRACTABLE} false, so it never
 * leaves the token and {@link PrivateKey#getEncoded()} is {@code null}. Key id = the key entry's alias
 * ({@code CKA_LABEL}).
 *
 * <p>A PKCS#11 key entry needs a certificate, so a freshly generated key is stored with a self-signed placeholder
 * certificate (signed in the token, CN {@value #PLACEHOLDER_CN}) until {@link #attachCertificateChain} replaces
 * it; such a key cannot sign. SM2 is refused: SoftHSM2 and the JDK's PKCS#11 provider do not implement it.
 * Thread-safe: key-store changes are serialised, signing uses one {@link java.security.Signature} per call.
 */
public final class Pkcs11KeyCustody implements KeyCustody {

    /**
     * Placeholder subjects are unique per key (OU = the first 16 bytes of the key id's SHA-256, in hex): the JDK key
     * store does not delete a certificate that other certificates name as their issuer.
     */
    static final String PLACEHOLDER_CN = "Zhengyin uncertified key placeholder";

    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String description;
    private final Provider provider;
    private final KeyStore store;
    private final char[] pin;
    private final Clock clock;
    private final Map<String, SigningKey> signingKeys = new ConcurrentHashMap<>();

    private Pkcs11KeyCustody(String description, Provider provider, KeyStore store, char[] pin, Clock clock) {
        this.description = description;
        this.provider = provider;
        this.store = store;
        this.pin = pin.clone();
        this.clock = clock;
    }

    /**
     * Configures a SunPKCS11 provider for the token and logs in as user.
     *
     * @param library the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
     * @param slot    the token's slot
     * @param pin     the user PIN; kept (copied) to log in again when the token has logged the application out (the
     *                last session of the process closed, the HSM restarted)
     * @param clock   dates the placeholder certificates
     * @throws KeyCustodyException if the library is missing, the slot has no token or the PIN is wrong
     */
    public static Pkcs11KeyCustody open(Path library, Pkcs11Slot slot, char[] pin, Clock clock) {
        if (!Files.isRegularFile(library)) {
            throw new KeyCustodyException("PKCS#11 library " + library + " does not exist; install the HSM vendor's"
                    + " module (for SoftHSM2: apt-get install softhsm2) and configure its path.");
        }
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new KeyCustodyException("This JVM has no SunPKCS11 provider (module jdk.crypto.cryptoki); run"
                    + " Zhengyin on a full JDK/JRE.");
        }
        String name = "zhengyin-" + INSTANCES.incrementAndGet();
        String config = "--name = " + name + "\n"
                + "library = " + library.toAbsolutePath() + "\n"
                + slot.configLine() + "\n"
                // token keys, never extractable; the public half is a session object (the certificate holds it)
                + "attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {\n"
                + "  CKA_TOKEN = true\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n"
                + "  CKA_SIGN = true\n}\n";
        Provider provider;
        try {
            provider = base.configure(config);
        } catch (RuntimeException e) {
            throw new KeyCustodyException(
                    "Cannot configure SunPKCS11 for library " + library + ", " + slot + ": " + e.getMessage()
                            + "; check the library path and that the slot holds an initialised token.",
                    e);
        }
        String description = "Pkcs11KeyCustody[" + library + ", " + slot + "]";
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, pin);
            return new Pkcs11KeyCustody(description, provider, store, pin, clock);
        } catch (IOException e) {
            throw new KeyCustodyException(
                    "Cannot log in to the PKCS#11 token (" + description + "): " + e.getMessage()
                            + "; check the user PIN.",
                    e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(
                    "Cannot open the PKCS#11 key store (" + description + "): " + e.getMessage()
                            + "; check the slot and that the token is initialised.",
                    e);
        }
    }

    /** The configured SunPKCS11 provider (for verifying with the token, e.g. in tests). */
    public Provider provider() {
        return provider;
    }

    @Override
    public SigningKey signingKey(String keyId) {
        SigningKey cached = signingKeys.get(keyId);
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            refresh();
            PrivateKey key = privateKey(keyId)
                    .orElseThrow(() -> new KeyNotFoundException("No key with id '" + keyId + "' in " + description
                            + "; it was never generated there or has been destroyed."));
            List<X509Certificate> chain = chain(keyId);
            if (chain.isEmpty() || isPlaceholder(chain.getFirst())) {
                throw new KeyCustodyException("Key '" + keyId + "' in " + description + " has no certificate yet;"
                        + " attach its certificate chain before signing with it.");
            }
            SigningKey signing = new Pkcs11SigningKey(keyId, key, chain, provider, this::refresh);
            signingKeys.put(keyId, signing);
            return signing;
        }
    }

    @Override
    public synchronized GeneratedKey generate(String keyId, SignatureAlgorithm algorithm) {
        requireValidId(keyId);
        if (algorithm != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new KeyCustodyException("PKCS#11 custody cannot generate " + algorithm + " key '" + keyId + "':"
                    + " SunPKCS11 and SoftHSM2 do not implement SM2. Keep SM2 keys in another custody"
                    + " (zhengyin.key-custody.sm2-type) or use a vendor SM2 HSM.");
        }
        refresh();
        try {
            if (store.containsAlias(keyId)) {
                throw new KeyCustodyException("Key id '" + keyId + "' is already taken in " + description
                        + "; look it up with find(..) or choose another id.");
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            try {
                store.setKeyEntry(keyId, pair.getPrivate(), null, new Certificate[] {placeholder(keyId, pair)});
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new KeyCustodyException(
                        "Cannot store generated key '" + keyId + "' in " + description + ": " + e.getMessage(), e);
            }
            return new GeneratedKey(keyId, algorithm, pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException(
                    "Cannot generate a P-256 key pair in " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<GeneratedKey> find(String keyId) {
        refresh();
        try {
            if (!store.isKeyEntry(keyId)) {
                return Optional.empty();
            }
            Certificate certificate = store.getCertificate(keyId);
            if (certificate == null) {
                return Optional.empty();
            }
            PublicKey publicKey = certificate.getPublicKey();
            requireP256(publicKey, keyId);
            return Optional.of(new GeneratedKey(keyId, SignatureAlgorithm.ECDSA_P256_SHA256, publicKey));
        } catch (java.security.KeyStoreException e) {
            throw new KeyCustodyException("Cannot read " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void attachCertificateChain(String keyId, List<X509Certificate> chain) {
        GeneratedKey key = find(keyId)
                .orElseThrow(() -> new KeyNotFoundException(
                        "No key with id '" + keyId + "' in " + description + " to attach certificates to."));
        key.requireCertifiedBy(chain);
        PrivateKey privateKey = privateKey(keyId)
                .orElseThrow(() -> new KeyNotFoundException(
                        "Key '" + keyId + "' in " + description + " has a certificate but no private key."));
        try {
            store.setKeyEntry(keyId, privateKey, null, chain.toArray(new Certificate[0]));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(
                    "Cannot store the certificate chain of key '" + keyId + "' in " + description + ": "
                            + e.getMessage(),
                    e);
        } finally {
            signingKeys.remove(keyId);
        }
    }

    @Override
    public synchronized boolean destroy(String keyId) {
        signingKeys.remove(keyId);
        refresh();
        try {
            if (!store.containsAlias(keyId)) {
                return false;
            }
            store.deleteEntry(keyId);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(
                    "Cannot destroy key '" + keyId + "' in " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * Logs in again if the token has logged this process out, and re-reads the token's objects: the JDK key store
     * maps aliases only when loaded and on its own writes, and keys may have been made or destroyed by another
     * instance of the service sharing the token.
     */
    private synchronized void refresh() {
        try {
            store.load(null, pin);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(
                    "Cannot log in to / read the PKCS#11 token (" + description + "): " + e.getMessage(), e);
        }
    }

    private Optional<PrivateKey> privateKey(String keyId) {
        try {
            Key key = store.getKey(keyId, null);
            return key instanceof PrivateKey privateKey ? Optional.of(privateKey) : Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException(
                    "Cannot read key '" + keyId + "' from " + description + ": " + e.getMessage(), e);
        }
    }

    /**
     * The chain as the JDK key store rebuilds it from the token (following issuer names). Cut where a certificate is
     * not signed by the next one: the token holds certificates, not chains, and two CA certificates with one subject
     * (a re-keyed CA) would otherwise give a wrong chain.
     */
    private List<X509Certificate> chain(String keyId) {
        try {
            Certificate[] stored = store.getCertificateChain(keyId);
            List<X509Certificate> chain = new ArrayList<>();
            if (stored != null) {
                for (Certificate c : stored) {
                    X509Certificate certificate = (X509Certificate) c;
                    if (!chain.isEmpty() && !issued(chain.getLast(), certificate)) {
                        break;
                    }
                    chain.add(certificate);
                }
            }
            return chain;
        } catch (java.security.KeyStoreException e) {
            throw new KeyCustodyException(
                    "Cannot read the certificates of key '" + keyId + "' from " + description + ": " + e.getMessage(),
                    e);
        }
    }

    private static boolean issued(X509Certificate subject, X509Certificate issuer) {
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isPlaceholder(X509Certificate certificate) {
        RDN[] cn = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN);
        return cn.length == 1
                && PLACEHOLDER_CN.equals(
                        IETFUtils.valueToString(cn[0].getFirst().getValue()));
    }

    private static void requireValidId(String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new KeyCustodyException("Key id '" + keyId + "' is not allowed; use 1-128 lower-case letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit.");
        }
    }

    private static void requireP256(PublicKey key, String keyId) {
        ASN1Encodable params = SubjectPublicKeyInfo.getInstance(key.getEncoded())
                .getAlgorithm()
                .getParameters();
        if (!X9ObjectIdentifiers.prime256v1.equals(params)) {
            throw new KeyCustodyException(
                    "Token key '" + keyId + "' is on curve " + params + "; PKCS#11 custody supports P-256 keys only.");
        }
    }

    /** Self-signed, signed in the token: PKCS#11 key entries need a certificate before the CA has issued one. */
    private X509Certificate placeholder(String keyId, KeyPair pair) throws GeneralSecurityException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] idHash = MessageDigest.getInstance("SHA-256").digest(keyId.getBytes(StandardCharsets.UTF_8));
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, PLACEHOLDER_CN)
                .addRDN(BCStyle.OU, HexFormat.of().formatHex(idHash, 0, 16))
                .build();
        try {
            var builder = new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.ONE,
                    Date.from(now),
                    Date.from(now.plus(Duration.ofDays(1))),
                    name,
                    pair.getPublic());
            var signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(provider)
                    .build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new KeyCustodyException(
                    "Cannot make the placeholder certificate for a new key: " + e.getMessage(), e);
        }
    }
}
