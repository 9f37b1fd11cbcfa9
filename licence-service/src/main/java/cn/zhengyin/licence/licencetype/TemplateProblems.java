package cn.zhengyin.licence.licencetype;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a template, then fails once with all of them ({@link #throwIfAny()}). */
public final class TemplateProblems {
    private final List<TemplateProblem> problems = new ArrayList<>();

    public void add(String file, String path, String message) {
        problems.add(new TemplateProblem(file, path, message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<TemplateProblem> asList() {
        return List.copyOf(problems);
    }

    /** @throws InvalidLicenceTypeException listing every problem, if there is any */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidLicenceTypeException(problems);
        }
    }
}
