/**
 * GB/T 38540-2020 secure electronic seals and seal signatures (安全电子签章), SM2/SM3: the v4 structures
 * ({@link cn.zhengyin.trust.ses.ElectronicSeal SESeal}, {@link cn.zhengyin.trust.ses.SealSignature SES_Signature})
 * with DER codecs ({@link cn.zhengyin.trust.ses.SesCodec}, which also reads the GM/T 0031-2014 layout), a seal maker
 * (制章, {@link cn.zhengyin.trust.ses.SealMaker}), a signer (签章, {@link cn.zhengyin.trust.ses.SealSigner}) and a
 * verifier (验章/验签, {@link cn.zhengyin.trust.ses.SesVerifier}) that returns a report, never throws for bad input.
 */
package cn.zhengyin.trust.ses;
