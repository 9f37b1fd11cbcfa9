/**
 * CMS SignedData for PAdES: {@link cn.zhengyin.trust.cms.CadesDigestSigner} signs a document digest computed
 * elsewhere (the seal service only ever sees the digest) into a detached CAdES signature at baseline B-T.
 */
@NullMarked
package cn.zhengyin.trust.cms;

import org.jspecify.annotations.NullMarked;
