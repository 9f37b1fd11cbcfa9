package cn.zhengyin.licence.verification;

import java.util.Optional;

/**
 * Published (synchronously) after the verification API answered a report whose file the registry found: a relying
 * party verified a registered licence version. Listeners must not fail the verification.
 *
 * @param identifier the verified licence version
 * @param client     the OAuth2 client that verified it, if the request carried a valid bearer token
 * @param purpose    the purpose the caller gave ({@code Zhengyin-Purpose} header, at most 200 characters)
 */
public record LicenceVerified(String identifier, Optional<String> client, Optional<String> purpose) {}
