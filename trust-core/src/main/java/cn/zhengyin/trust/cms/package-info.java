/**
 * CMS SignedData for PAdES: {@link cn.zhengyin.trust.cms.CadesDigestSigner} signs a document digest computed
 * elsewhere (the seal service only ever sees the digest) into a detached CAdES signature at baseline B-T.
 */
package cn.zhengyin.trust.cms;
