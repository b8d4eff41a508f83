package com.migomail.webhooks.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.core.EventType;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
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
                  crm             4           4         4                0          4       0
                  total          16          18        23                4         18       0
                  receiver: 24 requests, 23 verified, 1 refused, 1 duplicate acknowledged without processing it again
                """);
        assertThat(result.out()).containsPattern("\nDone in \\d+\\.\\d s\\.\n$");
    }

    @Test
    void summarizesEachTenantFromItsOwnViewOfTheLogAndWhatItsEndpointsReceived() {
        assertThat(result.out()).contains("""
                  receiver: 24 requests, 23 verified, 1 refused, 1 duplicate acknowledged without processing it again
                  tenant     events  deliveries  delivered  events received
                  acme           12          14         14               12
                  globex          4           4          4                4
                  isolation: acme's endpoints received 0 of globex's 4 events and globex's 0 of acme's 12: \
                neither tenant saw the other's events
                Done in\s""");
    }

    @Test
    void eachTenantsEventsArePublishedToAndReceivedOnItsOwnEndpointsOnly() {
        String out = result.out();
        assertThat(out).contains("  tenant acme\n  healthy  ep_", "  tenant globex\n  crm      ep_")
                .containsPattern("/acme/healthy  all types \\(\\*\\)\n")
                .containsPattern("/acme/flaky  campaign\\.\\*\n")
                .containsPattern("/globex/crm  all types \\(\\*\\)\n");
        String acme = out.substring(out.indexOf("  tenant acme\n  email.sent"), out.indexOf("  tenant globex\n  email.sent"));
        String globex = out.substring(out.indexOf("  tenant globex\n  email.sent"), out.indexOf("\n\n3. Start the sender"));
        assertThat(acme.lines().skip(1)).hasSize(12)
                .allMatch(line -> line.matches("  [a-z._]+ +evt_\\w{26}  -> healthy(, flaky)?"));
        assertThat(globex.lines().skip(1)).hasSize(4).allMatch(line -> line.matches("  [a-z._]+ +evt_\\w{26}  -> crm"));

        assertThat(ids(out, "receiver (healthy|flaky) +[a-z._]+ +(evt_\\w{26})  ")).isEqualTo(ids(acme, "(evt_\\w{26})"));
        assertThat(ids(out, "receiver (crm) +[a-z._]+ +(evt_\\w{26})  ")).isEqualTo(ids(globex, "(evt_\\w{26})"));
        assertThat(out).containsPattern("receiver crm      campaign\\.sent +evt_\\w{26}  v1 verified  -> 200  ");
    }

    @Test
    void anotherTenantAskingToReplayAnEventIsToldItIsUnknown() {
        assertThat(result.out()).containsPattern("  globex   replay refused: event not found: evt_\\w{26}"
                + " \\(another tenant's id is unknown to it\\)\n");
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

    /** The event ids that the last group of the pattern matches in the text. */
    private static Set<String> ids(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        Set<String> ids = new HashSet<>();
        while (matcher.find()) {
            ids.add(matcher.group(matcher.groupCount()));
        }
        return ids;
    }
}
