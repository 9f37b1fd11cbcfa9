package cn.zhengyin.licence.sealing.internal;

import cn.zhengyin.licence.sealing.JwsSigner;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** {@link JwsSigner} through the seal service's {@code POST /api/v1/signatures/jws}. */
public final class SealServiceJwsSigner implements JwsSigner {
    private final SealServiceClient sealService;

    public SealServiceJwsSigner(SealServiceClient sealService) {
        this.sealService = sealService;
    }

    record JwsSignatureRequest(String sealId, String signingInput, String licenceIdentifier) {}

    record JwsSignatureResponse(String sealId, String alg, String signatureValue, List<String> certificateChain) {}

    @Override
    public List<X509Certificate> chain(String sealId) {
        return sealService.ecdsaChain(sealId);
    }

    @Override
    public byte[] sign(String sealId, String signingInput, String licenceIdentifier) {
        JwsSignatureResponse response = sealService.sign(
                "/api/v1/signatures/jws",
                new JwsSignatureRequest(sealId, signingInput, licenceIdentifier),
                JwsSignatureResponse.class);
        return JwsSigner.derToJose(Base64.getDecoder().decode(response.signatureValue()));
    }
}
