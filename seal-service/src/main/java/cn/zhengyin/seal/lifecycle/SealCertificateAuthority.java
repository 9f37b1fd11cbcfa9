package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.trust.crypto.GeneratedKey;

/** Port: the CA that issues seal certificates (SealSigning profile) for keys made in custody. */
public interface SealCertificateAuthority {

    /** Issues a certificate for the key ({@link GeneratedKey#algorithm()} picks the ECDSA or the SM2 CA). */
    SealCertificate issue(Seal seal, GeneratedKey key);
}
