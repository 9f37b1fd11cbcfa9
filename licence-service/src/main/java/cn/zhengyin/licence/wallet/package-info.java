/**
 * The citizen and company wallet (证照卡包): a signed-in holder's licences (their own and those of the companies they
 * represent) with status, detail, versions, history, downloads, a rendered preview and sharing; the page language
 * (Chinese default, {@code ?lang=en}); and the DEVELOPMENT seeding of the template samples.
 */
package cn.zhengyin.licence.wallet;
