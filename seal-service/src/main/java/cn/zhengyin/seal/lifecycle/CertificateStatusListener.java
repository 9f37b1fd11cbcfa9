package cn.zhengyin.seal.lifecycle;

/** Port: told after a seal's certificate status changed (hold, release, revocation), e.g. to drop cached CRLs. */
@FunctionalInterface
public interface CertificateStatusListener {
    void statusChanged(Seal seal);
}
