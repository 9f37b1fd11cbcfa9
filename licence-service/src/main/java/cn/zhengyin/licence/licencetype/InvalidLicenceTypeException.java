package cn.zhengyin.licence.licencetype;

import cn.zhengyin.trust.TrustException;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown at load time when a licence type template is invalid; {@link #problems()} lists every problem found. */
public final class InvalidLicenceTypeException extends TrustException {
    private final List<TemplateProblem> problems;

    public InvalidLicenceTypeException(List<TemplateProblem> problems) {
        super(problems.size() + " problem(s) in licence type template:\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<TemplateProblem> problems() {
        return problems;
    }
}
