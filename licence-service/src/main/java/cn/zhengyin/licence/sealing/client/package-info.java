/**
 * The seal service's HTTP API as the licence service calls it (digest signing, certificate chains, seal images,
 * CRLs), authenticated with the licence service's client credentials; offered to other features as the named
 * interface {@code sealing::client}.
 */
@NamedInterface("client")
package cn.zhengyin.licence.sealing.client;

import org.springframework.modulith.NamedInterface;
