/**
 * RFC 9457 {@code application/problem+json} error responses for both services.
 *
 * <p>Every error a client can see is a {@link org.springframework.http.ProblemDetail} whose {@code type} is
 * {@code https://zhengyin.dev/problems/<slug>} (see {@link cn.zhengyin.service.problem.Problems} for the slugs).
 * Domain code throws {@link cn.zhengyin.service.problem.ProblemException}; framework errors are mapped by
 * {@link cn.zhengyin.service.problem.ProblemJsonExceptionHandler}; errors raised outside Spring MVC (filters, the
 * servlet container) reach {@link cn.zhengyin.service.problem.ProblemErrorController}. Unexpected failures answer
 * 500 with an {@code errorId} that is logged with the stack trace; their messages never reach the client.
 */
package cn.zhengyin.service.problem;
