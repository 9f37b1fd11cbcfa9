package cn.zhengyin.service.custody;

import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.crypto.ExternalEcdsaSigningKey;
import cn.zhengyin.trust.crypto.GeneratedKey;
import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.crypto.KeyCustodyException;
import cn.zhengyin.trust.crypto.KeyNotFoundException;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.SigningKey;
import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultTransitOperations;
import org.springframework.vault.support.Plaintext;
import org.springframework.vault.support.Signature;
import org.springframework.vault.support.VaultSignRequest;
import org.springframework.vault.support.VaultTransitKey;
import org.springframework.vault.support.VaultTransitKeyConfiguration;
import org.springframework.vault.support.VaultTransitKeyCreationRequest;

/**
 * Key custody in HashiCorp Vault's Transit engine: keys of type {@value #KEY_TYPE}, created non-exportable, never
 * leave Vault. {@link SigningKey#sign} hashes with SHA-256 here and has Vault sign the digest ({@code prehashed},
 * {@code hash_algorithm=sha2-256}; ECDSA signatures are ASN.1 DER, Vault's default marshaling). Vault stores no
 * certificates, so chains live in a {@link CertificateChainStore}. Destroying sets {@code deletion_allowed} and
 * deletes the key (all versions). SM2 is refused: Transit has no SM2 key type. Thread-safe.
 */
public final class VaultTransitKeyCustody implements KeyCustody {

    static final String KEY_TYPE = "ecdsa-p256";
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final Pattern SIGNATURE = Pattern.compile("vault:v(\\d+):([A-Za-z0-9+/=]+)");

    private final VaultTransitOperations transit;
    private final CertificateChainStore chains;
    private final String description;

    /**
     * @param transit     the Transit engine ({@code vaultTemplate.opsForTransit(mountPath)})
     * @param chains      where certificate chains are kept
     * @param description what to call this custody in messages (e.g. the Vault address and mount), no secrets
     */
    public VaultTransitKeyCustody(VaultTransitOperations transit, CertificateChainStore chains, String description) {
        this.transit = transit;
        this.chains = chains;
        this.description = description;
    }

    @Override
    public SigningKey signingKey(String keyId) {
        GeneratedKey key = find(keyId)
                .orElseThrow(() -> new KeyNotFoundException("No key with id '" + keyId + "' in " + this
                        + "; it was never generated there or has been destroyed."));
        List<X509Certificate> chain = chains.find(keyId)
                .orElseThrow(() -> new KeyCustodyException("Key '" + keyId + "' in " + this
                        + " has no certificate yet; attach its certificate chain before signing with it."));
        return new VaultSigningKey(keyId, chain);
    }

    @Override
    public synchronized GeneratedKey generate(String keyId, SignatureAlgorithm algorithm) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new KeyCustodyException("Key id '" + keyId + "' is not allowed; use 1-128 lower-case letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit.");
        }
        if (algorithm != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new KeyCustodyException("Vault Transit cannot generate " + algorithm + " key '" + keyId + "': it has"
                    + " no SM2 key type. Keep SM2 keys in another custody (zhengyin.key-custody.sm2-type).");
        }
        if (transitKey(keyId).isPresent()) {
            throw new KeyCustodyException("Key id '" + keyId + "' is already taken in " + this
                    + "; look it up with find(..) or choose another id.");
        }
        try {
            transit.createKey(
                    keyId,
                    VaultTransitKeyCreationRequest.builder()
                            .type(KEY_TYPE)
                            .exportable(false)
                            .allowPlaintextBackup(false)
                            .build());
        } catch (VaultException e) {
            throw new KeyCustodyException(
                    "Vault could not create key '" + keyId + "' in " + this + ": " + e.getMessage(), e);
        }
        chains.remove(keyId); // a chain left behind by an earlier key of that name
        return find(keyId)
                .orElseThrow(() -> new KeyCustodyException("Vault created key '" + keyId + "' but does not return it"));
    }

    @Override
    public Optional<GeneratedKey> find(String keyId) {
        return transitKey(keyId)
                .map(key -> new GeneratedKey(keyId, SignatureAlgorithm.ECDSA_P256_SHA256, publicKey(key)));
    }

    @Override
    public synchronized void attachCertificateChain(String keyId, List<X509Certificate> chain) {
        GeneratedKey key = find(keyId)
                .orElseThrow(() -> new KeyNotFoundException(
                        "No key with id '" + keyId + "' in " + this + " to attach certificates to."));
        key.requireCertifiedBy(chain);
        chains.put(keyId, chain);
    }

    @Override
    public synchronized boolean destroy(String keyId) {
        if (transitKey(keyId).isEmpty()) {
            chains.remove(keyId);
            return false;
        }
        try {
            transit.configureKey(
                    keyId,
                    VaultTransitKeyConfiguration.builder().deletionAllowed(true).build());
            transit.deleteKey(keyId);
        } catch (VaultException e) {
            throw new KeyCustodyException(
                    "Vault could not destroy key '" + keyId + "' in " + this + ": " + e.getMessage()
                            + "; the token needs update and delete on transit/keys/" + keyId + "/config.",
                    e);
        }
        chains.remove(keyId);
        return true;
    }

    @Override
    public String toString() {
        return "VaultTransitKeyCustody[" + description + "]";
    }

    private Optional<VaultTransitKey> transitKey(String keyId) {
        try {
            return Optional.ofNullable(transit.getKey(keyId));
        } catch (VaultException e) {
            throw new KeyCustodyException("Cannot read key '" + keyId + "' from " + this + ": " + e.getMessage(), e);
        }
    }

    /** The public key of the latest version, from the PEM Vault returns for asymmetric keys. */
    private PublicKey publicKey(VaultTransitKey key) {
        if (!KEY_TYPE.equals(key.getType())) {
            throw new KeyCustodyException("Vault key '" + key.getName() + "' has type " + key.getType()
                    + "; this custody uses " + KEY_TYPE + " keys only.");
        }
        Object version = key.getKeys().entrySet().stream()
                .max(Comparator.comparingInt(e -> Integer.parseInt(e.getKey())))
                .map(Map.Entry::getValue)
                .orElseThrow(() -> new KeyCustodyException("Vault key '" + key.getName() + "' has no versions"));
        if (!(version instanceof Map<?, ?> details) || !(details.get("public_key") instanceof String pem)) {
            throw new KeyCustodyException("Vault did not return the public key of '" + key.getName() + "'");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(parser.readObject());
            if (!X9ObjectIdentifiers.prime256v1.equals(info.getAlgorithm().getParameters())) {
                throw new KeyCustodyException("Vault key '" + key.getName() + "' is not on P-256");
            }
            return new JcaPEMKeyConverter().getPublicKey(info);
        } catch (IOException | RuntimeException e) {
            throw new KeyCustodyException(
                    "Cannot read the public key of Vault key '" + key.getName() + "': " + e.getMessage(), e);
        }
    }

    /** A Vault key: SHA-256 here, ECDSA over the digest in Vault. Holds nothing secret. */
    private final class VaultSigningKey extends ExternalEcdsaSigningKey {
        VaultSigningKey(String keyId, List<X509Certificate> chain) {
            super(keyId, chain);
        }

        @Override
        public byte[] sign(byte[] data) {
            byte[] digest = Digests.sha256(data);
            Signature signature;
            try {
                signature = transit.sign(
                        keyId(),
                        VaultSignRequest.builder()
                                .plaintext(Plaintext.of(digest))
                                .prehashed(true)
                                .hashAlgorithm("sha2-256")
                                .build());
            } catch (VaultException e) {
                throw new KeyCustodyException(
                        "Vault could not sign with key '" + keyId() + "' in "
                                + VaultTransitKeyCustody.this + ": " + e.getMessage()
                                + " (the key may have been destroyed)",
                        e);
            }
            var matcher = SIGNATURE.matcher(signature.getSignature());
            if (!matcher.matches()) {
                throw new KeyCustodyException(
                        "Vault returned a signature in an unknown format for key '" + keyId() + "'");
            }
            return Base64.getDecoder().decode(matcher.group(2));
        }
    }
}
