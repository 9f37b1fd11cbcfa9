package cn.zhengyin.bench;

import cn.zhengyin.trust.crypto.SigningKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The machine's limits: ECDSA P-256 (SHA256withECDSA) with Bouncy Castle and with the JDK provider (SunEC), SM2
 * (SM3withSM2, Bouncy Castle), each with keys made by its own provider and an initialised {@link Signature} reused
 * per thread (the fastest correct use); SHA-256 (JDK and BC) and SM3 (BC) over 1 MiB, so ops/s = MiB/s. Also
 * Zhengyin's own {@link SigningKey#sign} with the dev seal key as the services load it, to show the gap to the limit.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoBenchmarks {
    static final Provider BC = new BouncyCastleProvider();

    @State(Scope.Thread)
    public static class Keys {
        final byte[] message = new byte[64];
        Signature ecBcSign;
        Signature ecBcVerify;
        Signature ecJdkSign;
        Signature ecJdkVerify;
        Signature sm2Sign;
        Signature sm2Verify;
        byte[] ecBcSignature;
        byte[] ecJdkSignature;
        byte[] sm2Signature;
        SigningKey zhengyinKey;

        @Setup
        public void setUp() throws GeneralSecurityException {
            new SecureRandom().nextBytes(message);
            KeyPair bc = pair("EC", "secp256r1", BC);
            KeyPair jdk = pair("EC", "secp256r1", java.security.Security.getProvider("SunEC"));
            KeyPair sm2 = pair("EC", "sm2p256v1", BC);
            ecBcSign = Signature.getInstance("SHA256withECDSA", BC);
            ecBcSign.initSign(bc.getPrivate());
            ecBcVerify = Signature.getInstance("SHA256withECDSA", BC);
            ecBcVerify.initVerify(bc.getPublic());
            ecJdkSign = Signature.getInstance("SHA256withECDSA", "SunEC");
            ecJdkSign.initSign(jdk.getPrivate());
            ecJdkVerify = Signature.getInstance("SHA256withECDSA", "SunEC");
            ecJdkVerify.initVerify(jdk.getPublic());
            sm2Sign = Signature.getInstance("SM3withSM2", BC);
            sm2Sign.initSign(sm2.getPrivate());
            sm2Verify = Signature.getInstance("SM3withSM2", BC);
            sm2Verify.initVerify(sm2.getPublic());
            ecBcSignature = sign(ecBcSign, message);
            ecJdkSignature = sign(ecJdkSign, message);
            sm2Signature = sign(sm2Sign, message);
            zhengyinKey = Fixtures.signingKey("dev-seal", Fixtures.validationClock());
        }

        private static KeyPair pair(String algorithm, String curve, Provider provider) throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, provider);
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        }
    }

    @State(Scope.Thread)
    public static class Data {
        final byte[] mebibyte = new byte[1 << 20];
        MessageDigest sha256Jdk;

        @Setup
        public void setUp() throws GeneralSecurityException {
            new SecureRandom().nextBytes(mebibyte);
            sha256Jdk = MessageDigest.getInstance("SHA-256", "SUN");
        }
    }

    static byte[] sign(Signature signature, byte[] message) throws GeneralSecurityException {
        signature.update(message);
        return signature.sign();
    }

    static boolean verify(Signature signature, byte[] message, byte[] value) throws GeneralSecurityException {
        signature.update(message);
        if (!signature.verify(value)) {
            throw new IllegalStateException("signature did not verify");
        }
        return true;
    }

    @Benchmark
    public byte[] ecdsaP256SignBc(Keys k) throws GeneralSecurityException {
        return sign(k.ecBcSign, k.message);
    }

    @Benchmark
    public byte[] ecdsaP256SignJdk(Keys k) throws GeneralSecurityException {
        return sign(k.ecJdkSign, k.message);
    }

    @Benchmark
    public boolean ecdsaP256VerifyBc(Keys k) throws GeneralSecurityException {
        return verify(k.ecBcVerify, k.message, k.ecBcSignature);
    }

    @Benchmark
    public boolean ecdsaP256VerifyJdk(Keys k) throws GeneralSecurityException {
        return verify(k.ecJdkVerify, k.message, k.ecJdkSignature);
    }

    @Benchmark
    public byte[] sm2SignBc(Keys k) throws GeneralSecurityException {
        return sign(k.sm2Sign, k.message);
    }

    @Benchmark
    public boolean sm2VerifyBc(Keys k) throws GeneralSecurityException {
        return verify(k.sm2Verify, k.message, k.sm2Signature);
    }

    @Benchmark
    public byte[] ecdsaP256SignZhengyinKey(Keys k) {
        return k.zhengyinKey.sign(k.message);
    }

    @Benchmark
    public byte[] sha256Jdk1MiB(Data d) {
        return d.sha256Jdk.digest(d.mebibyte);
    }

    @Benchmark
    public byte[] sha256Bc1MiB(Data d) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(d.mebibyte, 0, d.mebibyte.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    @Benchmark
    public byte[] sm3Bc1MiB(Data d) {
        SM3Digest digest = new SM3Digest();
        digest.update(d.mebibyte, 0, d.mebibyte.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
