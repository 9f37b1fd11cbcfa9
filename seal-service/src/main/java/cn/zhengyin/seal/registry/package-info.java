/** The seals this service holds, their keys in custody and their images. */
package cn.zhengyin.seal.registry;
