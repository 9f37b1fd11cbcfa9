package cn.zhengyin.seal.authorisation;

/** Who an authorisation is for: an OAuth2 client (its client id) or a person (the token subject). */
public enum GranteeKind {
    CLIENT,
    PERSON
}
