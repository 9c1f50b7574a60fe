package com.example.eum.analytics.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/deploy.sh --dry-run prints every AWS call in order (no AWS CLI needed), never the secret, and passes each
 * stack only parameters its template declares.
 */
class DeployScriptTest {
    static final String KEY = "k".repeat(20) + "SECRET-MARKER-0123456789";

    static Path root() {
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/deploy.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("no deploy/deploy.sh above the working directory");
    }

    /** Exit code and combined output of deploy.sh with {@code args} and the hash key {@code key} (null: unset). */
    static Object[] run(String key, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", root().resolve("deploy/deploy.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("ENGAGEMENT_HASH_KEY");
        env.remove("AWS_REGION");
        env.remove("AWS_DEFAULT_REGION");
        env.put("PATH", "/usr/bin:/bin"); // no AWS CLI on the path: a dry run must not need it
        if (key != null) {
            env.put("ENGAGEMENT_HASH_KEY", key);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Object[] {p.exitValue(), out};
    }

    private static List<String> awsCalls(String out) {
        return out.lines().filter(l -> l.startsWith("aws ")).collect(Collectors.toList());
    }

    /** The keys of {@code --parameter-overrides K=V ...} on one printed call. */
    private static Set<String> overrideKeys(String call) {
        String tail = call.substring(call.indexOf("--parameter-overrides") + "--parameter-overrides".length());
        Set<String> keys = new LinkedHashSet<>();
        for (String token : tail.trim().split(" ")) {
            if (token.startsWith("--")) {
                break;
            }
            keys.add(token.substring(0, token.indexOf('=')));
        }
        return keys;
    }

    /** The top-level Parameters of a CloudFormation YAML template. */
    static Set<String> templateParameters(String template) throws IOException {
        String yaml = new String(Files.readAllBytes(root().resolve(template)), StandardCharsets.UTF_8);
        String block = yaml.substring(yaml.indexOf("\nParameters:\n") + 1);
        block = block.substring(0, block.indexOf("\n\n"));
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^  ([A-Za-z0-9]+):\\s*$").matcher(block);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void dryRunPrintsEveryCallInOrderWithoutTheSecret() throws Exception {
        Object[] r = run(KEY, "--dry-run", "--artifacts-bucket", "my-artifacts", "--region", "eu-west-1",
                "--alert-email", "ops@example.com", "--parameter", "StreamMode=PROVISIONED",
                "--quicksight-principal", "arn:aws:quicksight:eu-west-1:111122223333:user/default/analyst");
        String out = (String) r[1];
        assertThat((int) r[0]).as(out).isEqualTo(0);
        assertThat(out).doesNotContain("SECRET-MARKER").contains("DestinationHashKey=\\<redacted\\>");

        List<String> calls = awsCalls(out);
        List<String> ops = calls.stream().map(c -> c.split(" ")[1] + " " + c.split(" ")[2]).collect(Collectors.toList());
        long views;
        try (Stream<Path> s = Files.list(root().resolve("schemas/athena/views"))) {
            views = s.filter(p -> p.toString().endsWith(".sql")).count();
        }
        List<String> expected = new ArrayList<>(List.of("s3 cp", "cloudformation package", "cloudformation deploy",
                "cloudformation describe-stacks"));
        for (int i = 0; i < views; i++) {
            expected.addAll(List.of("athena start-query-execution", "athena get-query-execution"));
        }
        expected.addAll(List.of("cloudformation deploy", "kinesisanalyticsv2 describe-application",
                "kinesisanalyticsv2 list-application-snapshots", "kinesisanalyticsv2 start-application",
                "cloudformation deploy"));
        assertThat(ops).containsExactlyElementsOf(expected);
        assertThat(calls).allMatch(c -> c.endsWith(" --region eu-west-1"));
        assertThat(out.lines().filter(l -> l.startsWith("mvn ")).collect(Collectors.toList()))
                .singleElement().asString().contains("package").contains("-DskipTests");

        String dataPlane = calls.get(2);
        assertThat(dataPlane).contains("--stack-name eum-data-plane").contains("CAPABILITY_IAM");
        assertThat(overrideKeys(dataPlane)).containsExactly("NamePrefix", "ApplicationName", "GlueDatabaseName",
                "AlertEmail", "StreamMode");
        assertThat(templateParameters("deploy/data-plane.yaml")).containsAll(overrideKeys(dataPlane));
        assertThat(calls.get(1)).contains("--template-file " + root().resolve("deploy/data-plane.yaml"));
        // the views, in file name order
        assertThat(calls.get(4)).contains("CREATE OR REPLACE VIEW eum_analytics.metrics_by_carrier_latest AS");
        assertThat(calls.get(6)).contains("CREATE OR REPLACE VIEW eum_analytics.metrics_by_country_latest AS");

        String application = calls.get(4 + 2 * (int) views);
        assertThat(application).contains("--stack-name eum-application").contains("CodeBucket=my-artifacts");
        assertThat(templateParameters("deploy/managed-flink.yaml")).containsAll(overrideKeys(application));
        assertThat(overrideKeys(application)).contains("ReceiptsStreamName", "WhatsAppStreamName", "FeedbackStreamName",
                "LakeBucket", "LakePrefix", "DestinationHashKey", "CodeKey", "AlertsTopicArn");
        assertThat(calls.get(calls.size() - 2)).contains("RESTORE_FROM_LATEST_SNAPSHOT");

        String quicksight = calls.get(calls.size() - 1);
        assertThat(quicksight).contains("--stack-name eum-quicksight");
        assertThat(templateParameters("deploy/quicksight.yaml")).containsAll(overrideKeys(quicksight));
        assertThat(out).contains("Next steps:").contains("event destination of your WhatsApp Business Account");
    }

    @Test
    void missingInputsStopWithTheFix() throws Exception {
        Object[] noBucket = run(KEY, "--dry-run");
        assertThat((int) noBucket[0]).isEqualTo(2);
        assertThat((String) noBucket[1]).contains("--artifacts-bucket is required");

        Object[] shortKey = run("too-short", "--dry-run", "--artifacts-bucket", "b");
        assertThat((int) shortKey[0]).isEqualTo(2);
        assertThat((String) shortKey[1]).contains("ENGAGEMENT_HASH_KEY").contains("openssl rand -base64 48");
        assertThat(awsCalls((String) shortKey[1])).isEmpty();
    }
}
