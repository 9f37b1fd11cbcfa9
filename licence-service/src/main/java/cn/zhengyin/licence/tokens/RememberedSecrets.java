package cn.zhengyin.licence.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The client-secret encoder of the authorisation server: the stored bcrypt hashes, plus a memory of the secrets it
 * verified recently, so that a client that authenticated before is recognised without hashing again (and without
 * waiting for a lockout an attacker caused). The memory holds an HMAC of (stored hash, secret) under a key made at
 * start-up, never a secret; it forgets after {@code lifetime}, keeps at most {@value #MAX_ENTRIES} entries, and a
 * changed stored hash makes the earlier entries useless.
 */
final class RememberedSecrets implements PasswordEncoder {
    static final int MAX_ENTRIES = 1_000;
    /** The work factor of the dev clients' hashes ({@code $2a$10$}): an unknown client costs the same check. */
    static final int BCRYPT_COST = 10;

    private final PasswordEncoder hashes = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final SecretKeySpec key;
    private final String dummy;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, Instant> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    RememberedSecrets(Duration lifetime, Clock clock) {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        random.nextBytes(bytes);
        this.dummy = "{bcrypt}"
                + new BCryptPasswordEncoder(BCRYPT_COST, random)
                        .encode(Base64.getEncoder().encodeToString(bytes));
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return hashes.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return false;
        }
        if (remembers(rawPassword, encodedPassword)) {
            return true;
        }
        boolean matches = hashes.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (remembered) {
                remembered.put(
                        mac(rawPassword, encodedPassword), clock.instant().plus(lifetime));
            }
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return hashes.upgradeEncoding(encodedPassword);
    }

    /** True if this secret was verified against this stored hash within the lifetime (no hashing). */
    boolean remembers(CharSequence rawPassword, String encodedPassword) {
        String mac = mac(rawPassword, encodedPassword);
        synchronized (remembered) {
            Instant until = remembered.get(mac);
            if (until == null) {
                return false;
            }
            if (clock.instant().isBefore(until)) {
                return true;
            }
            remembered.remove(mac);
            return false;
        }
    }

    /** As much work as checking a secret against a stored hash, for a client id that has none. */
    void spendACheck(CharSequence rawPassword) {
        hashes.matches(rawPassword == null ? "" : rawPassword, dummy);
    }

    private String mac(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
