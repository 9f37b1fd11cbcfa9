package cn.zhengyin.trust.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Development software custody for keys it generates itself: all keys live in one PKCS#12 file (JDK PKCS12 writer:
 * PBES2/AES-256, HMAC-SHA256 MAC), alias = key id. Every change rewrites the file atomically (temp file in the same
 * folder, forced to disk, then renamed over the old one), so a crash leaves either the old or the new store.
 *
 * <p>A PKCS#12 key entry needs a certificate, so a freshly generated key is stored with a self-signed placeholder
 * certificate (subject {@value #PLACEHOLDER_CN}) until {@link #attachCertificateChain} replaces it; such a key cannot
 * sign. Key material is never logged or printed. Thread-safe (changes are serialised). Requires Bouncy Castle
 * ({@link Providers#bouncyCastle()}).
 */
public final class KeystoreFileKeyCustody implements KeyCustody {

    static final String PLACEHOLDER_CN = "CN=Zhengyin uncertified key placeholder";
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    private final Path file;
    private final char[] password;
    private final Clock clock;
    private final SecureRandom random;
    /** Guarded by {@code this}. */
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(
            PrivateKey privateKey,
            GeneratedKey publicPart,
            List<X509Certificate> chain,
            X509Certificate storedCertificate,
            Optional<SigningKey> signingKey) {}

    private KeystoreFileKeyCustody(Path file, char[] password, Clock clock, SecureRandom random) {
        this.file = file.toAbsolutePath();
        this.password = password.clone();
        this.clock = clock;
        this.random = random;
    }

    /**
     * Opens the store at {@code file}, creating an empty one (and its folder) on the first key.
     *
     * @throws KeyCustodyException if the file exists but cannot be read with this password
     */
    public static KeystoreFileKeyCustody open(Path file, char[] password, Clock clock) {
        KeystoreFileKeyCustody custody = new KeystoreFileKeyCustody(file, password, clock, new SecureRandom());
        custody.load();
        return custody;
    }

    /** The PKCS#12 file this custody keeps its keys in. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized SigningKey signingKey(String keyId) {
        Entry entry = entries.get(keyId);
        if (entry == null) {
            throw new KeyNotFoundException("No key with id '" + keyId + "' in keystore " + file
                    + "; it was never generated here or has been destroyed.");
        }
        return entry.signingKey()
                .orElseThrow(() -> new KeyCustodyException("Key '" + keyId + "' in keystore " + file
                        + " has no certificate yet; attach its certificate chain before signing with it."));
    }

    @Override
    public synchronized GeneratedKey generate(String keyId, SignatureAlgorithm algorithm) {
        requireValidId(keyId);
        if (entries.containsKey(keyId)) {
            throw new KeyCustodyException("Key id '" + keyId + "' is already taken in keystore " + file
                    + "; look it up with find(..) or choose another id.");
        }
        KeyPair pair = generatePair(algorithm);
        GeneratedKey generated = new GeneratedKey(keyId, algorithm, pair.getPublic());
        Entry entry =
                new Entry(pair.getPrivate(), generated, List.of(), placeholder(pair, algorithm), Optional.empty());
        entries.put(keyId, entry);
        try {
            save();
        } catch (RuntimeException e) {
            entries.remove(keyId);
            throw e;
        }
        return generated;
    }

    @Override
    public synchronized Optional<GeneratedKey> find(String keyId) {
        return Optional.ofNullable(entries.get(keyId)).map(Entry::publicPart);
    }

    @Override
    public synchronized void attachCertificateChain(String keyId, List<X509Certificate> chain) {
        Entry entry = entries.get(keyId);
        if (entry == null) {
            throw new KeyNotFoundException(
                    "No key with id '" + keyId + "' in keystore " + file + " to attach certificates to.");
        }
        entry.publicPart().requireCertifiedBy(chain);
        Entry previous = entry;
        SigningKey signing = SoftwareKeyCustody.fromKey(keyId, entry.privateKey(), chain);
        entries.put(
                keyId,
                new Entry(
                        entry.privateKey(),
                        entry.publicPart(),
                        List.copyOf(chain),
                        chain.getFirst(),
                        Optional.of(signing)));
        try {
            save();
        } catch (RuntimeException e) {
            entries.put(keyId, previous);
            throw e;
        }
    }

    @Override
    public synchronized boolean destroy(String keyId) {
        Entry removed = entries.remove(keyId);
        if (removed == null) {
            return false;
        }
        try {
            save();
        } catch (RuntimeException e) {
            entries.put(keyId, removed);
            throw e;
        }
        return true;
    }

    @Override
    public String toString() {
        return "KeystoreFileKeyCustody[" + file + "]";
    }

    private static void requireValidId(String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new KeyCustodyException("Key id '" + keyId + "' is not allowed; use 1-128 lower-case letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit (PKCS#12 aliases are case-insensitive).");
        }
    }

    private KeyPair generatePair(SignatureAlgorithm algorithm) {
        String curve = switch (algorithm) {
            case ECDSA_P256_SHA256 -> "secp256r1";
            case SM2_SM3 -> "sm2p256v1";
        };
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
            generator.initialize(new ECGenParameterSpec(curve), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException("Cannot generate a " + curve + " key pair: " + e.getMessage(), e);
        }
    }

    private X509Certificate placeholder(KeyPair pair, SignatureAlgorithm algorithm) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X500Name name = new X500Name(PLACEHOLDER_CN);
        try {
            var builder = new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.ONE,
                    Date.from(now),
                    Date.from(now.plus(Duration.ofDays(1))),
                    name,
                    pair.getPublic());
            var signer = new JcaContentSignerBuilder(algorithm.jcaName())
                    .setProvider(Providers.bouncyCastle())
                    .build(pair.getPrivate());
            return new JcaX509CertificateConverter()
                    .setProvider(Providers.bouncyCastle())
                    .getCertificate(builder.build(signer));
        } catch (OperatorCreationException | java.security.cert.CertificateException e) {
            throw new KeyCustodyException(
                    "Cannot make the placeholder certificate for a new key: " + e.getMessage(), e);
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", Providers.bouncyCastle());
            store.load(new ByteArrayInputStream(Files.readAllBytes(file)), password);
            for (String alias : Collections.list(store.aliases())) {
                Key key = store.getKey(alias, password);
                if (!(key instanceof PrivateKey privateKey)) {
                    continue;
                }
                Certificate[] stored = store.getCertificateChain(alias);
                if (stored == null || stored.length == 0) {
                    throw new KeyCustodyException("Keystore " + file + " entry '" + alias + "' has no certificate;"
                            + " it was not written by this custody.");
                }
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : stored) {
                    chain.add((X509Certificate) c);
                }
                X509Certificate first = chain.getFirst();
                GeneratedKey publicPart =
                        new GeneratedKey(alias, algorithmOf(first.getPublicKey(), alias), first.getPublicKey());
                boolean placeholder = first.getSubjectX500Principal()
                        .getName()
                        .equals(new javax.security.auth.x500.X500Principal(PLACEHOLDER_CN).getName());
                entries.put(
                        alias,
                        placeholder
                                ? new Entry(privateKey, publicPart, List.of(), first, Optional.empty())
                                : new Entry(
                                        privateKey,
                                        publicPart,
                                        chain,
                                        first,
                                        Optional.of(SoftwareKeyCustody.fromKey(alias, privateKey, chain))));
            }
        } catch (IOException e) {
            throw new KeyCustodyException(
                    "Cannot open keystore " + file + ": " + e.getMessage() + " (wrong password, or not a PKCS#12 file)",
                    e);
        } catch (GeneralSecurityException e) {
            throw new KeyCustodyException("Cannot read keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static SignatureAlgorithm algorithmOf(PublicKey key, String alias) {
        ASN1Encodable params = SubjectPublicKeyInfo.getInstance(key.getEncoded())
                .getAlgorithm()
                .getParameters();
        if (X9ObjectIdentifiers.prime256v1.equals(params)) {
            return SignatureAlgorithm.ECDSA_P256_SHA256;
        }
        if (GMObjectIdentifiers.sm2p256v1.equals(params)) {
            return SignatureAlgorithm.SM2_SM3;
        }
        throw new KeyCustodyException("Keystore entry '" + alias + "' has a key on curve " + params
                + "; only P-256 and SM2 keys are supported.");
    }

    /** Writes all entries to a temporary file beside the store, forces it to disk and renames it over the store. */
    private void save() {
        byte[] bytes;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                List<X509Certificate> chain = e.getValue().chain().isEmpty()
                        ? List.of(e.getValue().storedCertificate())
                        : e.getValue().chain();
                store.setKeyEntry(e.getKey(), e.getValue().privateKey(), password, chain.toArray(new Certificate[0]));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            bytes = out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyCustodyException("Cannot encode keystore " + file + ": " + e.getMessage(), e);
        }
        Path directory = file.getParent();
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new KeyCustodyException(
                    "Cannot write keystore " + file + ": " + e.getMessage() + "; check that the folder is writable", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the failure above is what matters
                }
            }
        }
    }
}
