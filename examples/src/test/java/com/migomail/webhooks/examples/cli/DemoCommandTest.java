package com.migomail.webhooks.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.core.EventType;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo end to end, in-process: real HTTP on 127.0.0.1, a real H2 file, retries of seconds. */
class DemoCommandTest {
    private static Cli.Result result;

    @BeforeAll
    static void runTheDemoOnce() {
        result = Cli.run("demo");
    }

    @Test
    void takesNoArguments() {
        assertThat(Cli.run("demo", "--fast"))
                .isEqualTo(new Cli.Result(2, "", "error: unknown option --fast\n" + new DemoCommand().usage()));
        assertThat(Cli.run("demo", "now"))
                .isEqualTo(new Cli.Result(2, "", "error: unexpected argument 'now'\n" + new DemoCommand().usage()));
    }

    @Test
    void succeedsWithTheSummaryOfEveryDeliveryAttemptAndRequest() {
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).contains("""
                Summary (from the store's log)
                  endpoint   events  deliveries  attempts  failed attempts  delivered  failed
                  healthy        12          12        13                0         12       0
                  flaky           2           2         6                4          2       0
                  total          12          14        19                4         14       0
                  receiver: 20 requests, 19 verified, 1 refused, 1 duplicate acknowledged without processing it again
                """);
        assertThat(result.out()).containsPattern("\nDone in \\d+\\.\\d s\\.\n$");
    }

    @Test
    void deliversEachOfTheTwelveTypesVerifiedByBothSymmetricSchemes() {
        for (EventType type : EventType.values()) {
            assertThat(result.out()).containsPattern(Pattern.compile(
                    "receiver healthy  " + Pattern.quote(type.wireName()) + " +evt_\\w{26}  v1 \\+ sha256 verified  -> 200  "));
        }
    }

    @Test
    void theFlakyEndpointVerifiesEd25519AndIsRetriedUntilItAnswers200() {
        for (String type : new String[] {"campaign.sent", "campaign.paused"}) {
            String line = "receiver flaky    " + type + " +evt_\\w{26}  v1a verified  -> ";
            assertThat(result.out()).containsPattern(line + "500 \\(failing on purpose, request 1\\)")
                    .containsPattern(line + "500 \\(failing on purpose, request 2\\)")
                    .containsPattern(line + "200  ");
        }
        assertThat(result.out()).containsPattern("sender   flaky    dlv_\\w{26} attempt 1: HTTP 500, next attempt due at \\d+\\.\\d\\ds")
                .containsPattern("sender   flaky    dlv_\\w{26} attempt 2: HTTP 500, next attempt due at \\d+\\.\\d\\ds")
                .containsPattern("dlv_\\w{26} is DELIVERED after 3 attempts");
    }

    @Test
    void theReplayArrivesAsADuplicateAndTheForgedRequestIsRefused() {
        assertThat(result.out()).containsPattern(
                "receiver healthy  email.opened +evt_\\w{26}  v1 \\+ sha256 verified  -> 200, duplicate id: acknowledged")
                .contains("receiver healthy  refused -> 401 NO_MATCHING_SIGNATURE (no signature in webhook-signature matches)")
                .contains("forger   got HTTP 401");
    }
}
