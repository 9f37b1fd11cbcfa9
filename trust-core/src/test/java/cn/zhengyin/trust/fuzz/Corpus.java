package cn.zhengyin.trust.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed regression corpus of a fuzz test class, replayed as a plain JUnit test: every file in
 * {@code src/test/resources/<package>/<Class>Inputs/<method>/} and the empty input, for every {@code @FuzzTest}
 * method of the class — what Jazzer's regression mode replays, without starting Jazzer's agent in the test JVM (about
 * 20 s of CPU per module, and every class loaded after it instrumented). The {@code @FuzzTest} methods themselves run
 * only when fuzzing ({@code JAZZER_FUZZ=1}, docs/fuzzing.md). A fuzz test class replays its corpus by implementing
 * {@link ReplaysCommittedCorpus}.
 */
public final class Corpus {

    /** One committed input of one fuzz test method; {@code bytes} cut to the method's {@code @WithLength(max)}. */
    public record Input(Method target, String file, byte[] bytes) {
        /** Calls the fuzz test method on {@code testInstance} with these bytes, as Jazzer's regression mode does. */
        public void replay(Object testInstance) throws Throwable {
            try {
                target.setAccessible(true);
                target.invoke(testInstance, (Object) bytes);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public String toString() {
            return target.getName() + " ← " + file;
        }
    }

    private Corpus() {}

    /** Every committed input of every {@code @FuzzTest} method of {@code fuzzTestClass}, in a stable order. */
    public static Stream<Input> inputs(Class<?> fuzzTestClass) {
        List<Input> inputs = new ArrayList<>();
        Method[] methods = fuzzTestClass.getDeclaredMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method method : methods) {
            if (!method.isAnnotationPresent(FuzzTest.class)) {
                continue;
            }
            if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != byte[].class) {
                throw new IllegalArgumentException(method + ": only fuzz tests of one byte[] are replayed here");
            }
            WithLength length = method.getParameters()[0].getAnnotation(WithLength.class);
            int max = length == null ? Integer.MAX_VALUE : length.max();
            inputs.add(new Input(method, "(empty)", new byte[0]));
            for (Path file : files(fuzzTestClass, method.getName())) {
                try {
                    byte[] bytes = Files.readAllBytes(file);
                    inputs.add(new Input(
                            method, file.getFileName().toString(), Arrays.copyOf(bytes, Math.min(bytes.length, max))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(fuzzTestClass + " has no @FuzzTest method");
        }
        return inputs.stream();
    }

    private static List<Path> files(Class<?> fuzzTestClass, String method) {
        String folder = fuzzTestClass.getSimpleName() + "Inputs/" + method;
        URL url = fuzzTestClass.getResource(folder);
        if (url == null) {
            throw new IllegalStateException("no committed corpus " + folder + " next to " + fuzzTestClass.getName());
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
