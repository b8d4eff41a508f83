package com.migomail.webhooks.testing;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.params.provider.Arguments;
import org.opentest4j.TestAbortedException;

/**
 * Seeded cases for property tests on plain JUnit: a {@code @ParameterizedTest} takes its cases from
 * a {@code @MethodSource} that returns {@link #generate}, and the test class registers this
 * extension with {@code @ExtendWith(Cases.class)}, so that a failing case names the seed and its
 * arguments.
 *
 * <p>One seed serves the whole test JVM: the system property {@value #SEED_PROPERTY} if it is set,
 * else a random one. Each source starts a fresh generator from it, so a failure is repeated by
 * running again with the seed it reports, for example
 * {@code mvn -o verify -pl core -am -Dmigomail.seed=42 -Dtest=EventCodecProperties -Dsurefire.failIfNoSpecifiedTests=false}.
 * Thread-safe.
 */
public final class Cases implements InvocationInterceptor {

    /** The system property that sets the seed. */
    public static final String SEED_PROPERTY = "migomail.seed";

    private static final long SEED = seed(System.getProperty(SEED_PROPERTY));

    /**
     * The extension, for {@code @ExtendWith}; the cases themselves come from {@link #generate}.
     */
    public Cases() {
    }

    /**
     * The seed of this test JVM's cases.
     *
     * @return the seed
     */
    public static long seed() {
        return SEED;
    }

    /**
     * {@code tries} cases, each made by one call of {@code generator} on a generator started from
     * {@link #seed()}.
     *
     * @param tries how many cases
     * @param generator makes the arguments of one case
     * @return the cases, for a {@code @MethodSource}
     */
    public static Stream<Arguments> generate(int tries, Function<Generator, Arguments> generator) {
        Generator random = new Generator(SEED);
        return Stream.generate(() -> generator.apply(random)).limit(tries);
    }

    /**
     * Runs one case; if it fails, fails with the seed and the case's arguments, the failure chained.
     *
     * @throws Throwable the failure of the case, within an {@link AssertionError} naming the seed
     */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        try {
            invocation.proceed();
        } catch (TestAbortedException aborted) {
            throw aborted;
        } catch (Throwable failure) {
            throw new AssertionError(String.format("%s failed on case %s with seed %d; re-run with -D%s=%d%n"
                    + "arguments: %s", invocationContext.getExecutable().getName(), extensionContext.getDisplayName(),
                    SEED, SEED_PROPERTY, SEED, Arrays.deepToString(invocationContext.getArguments().toArray())),
                    failure);
        }
    }

    private static long seed(String property) {
        return property == null ? new SplittableRandom().nextLong() : Long.parseLong(property.trim());
    }
}
