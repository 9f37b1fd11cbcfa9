package cn.zhengyin.trust.validation;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a verifier trusts: the anchor certificates paths must end at, plus CA certificates it may use to build paths
 * (documents such as SES signatures and {@code .esl} seals carry only the end certificate). Configuration, never
 * taken from the document being verified. A trust list with per-anchor constraints supplies one of these.
 *
 * @param anchors       trusted root (or issuing) certificates
 * @param intermediates CA certificates to build paths with; being listed here grants no trust
 */
public record TrustAnchors(Set<X509Certificate> anchors, List<X509Certificate> intermediates) {

    public TrustAnchors {
        anchors = Set.copyOf(anchors);
        intermediates = List.copyOf(intermediates);
    }

    public static TrustAnchors of(Collection<X509Certificate> anchors) {
        return new TrustAnchors(Set.copyOf(anchors), List.of());
    }

    public static TrustAnchors of(Collection<X509Certificate> anchors, Collection<X509Certificate> intermediates) {
        return new TrustAnchors(Set.copyOf(anchors), List.copyOf(intermediates));
    }
}
