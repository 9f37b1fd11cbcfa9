package cn.zhengyin.licence.fieldreuse;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/** Port: signs a field release so the third party can prove where the data came from. */
public interface ReleaseSigner {

    /** A JWS compact serialisation (RFC 7515 §7.1) whose payload is exactly these claims as a JSON object. */
    String sign(Map<String, Object> claims);

    /** The signing certificate first, then its issuers: what a relying party checks the JWS against. */
    List<X509Certificate> certificateChain();
}
