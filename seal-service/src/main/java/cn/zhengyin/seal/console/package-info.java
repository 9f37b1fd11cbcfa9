/**
 * The seal administration console (印章管理控制台) at {@code /console}: server-rendered pages (Thymeleaf) where seal
 * applicants, approvers and administrators sign in (OpenID Connect in production, a plainly marked sample-person page
 * in development), list seals, see one seal's events, images, authorisations and usage records, and run the lifecycle
 * actions their role allows, and seal documents (用印, with 用印审批 by a second person where the seal requires it). Every action calls the same domain services as the REST API, with the signed-in person
 * as the actor, so the rules (state machine, four-eyes) are identical. Session-based with CSRF protection, in its own
 * security filter chain beside the stateless API chain.
 */
package cn.zhengyin.seal.console;
