package cn.zhengyin.trust.fuzz;

import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * A fuzz test class that implements this replays the committed corpus of its {@code @FuzzTest} methods in every normal
 * test run, without Jazzer ({@link Corpus}); the {@code @FuzzTest} methods themselves carry
 * {@code @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")} and run only when fuzzing.
 */
public interface ReplaysCommittedCorpus {

    /** Every committed input of the class's fuzz tests, through the fuzz test method itself. */
    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(CommittedInputs.class)
    default void replaysTheCommittedCorpus(Corpus.Input input) throws Throwable {
        input.replay(this);
    }

    /** The inputs of the test class being run. */
    final class CommittedInputs implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(
                ParameterDeclarations parameters, ExtensionContext context) {
            return Corpus.inputs(context.getRequiredTestClass()).map(Arguments::of);
        }
    }
}
