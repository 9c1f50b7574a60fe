package com.example.eum.analytics.cli;

import com.example.eum.analytics.generator.GeneratorSettings;
import com.example.eum.analytics.generator.GroundTruth;
import com.example.eum.analytics.generator.WhatsAppPriceList;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.generator.LakeVsTruth;
import com.example.eum.analytics.model.Channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code local} on the built-in generator: the per-country totals it commits to the lake equal, exactly, what the
 * generator injected (duplicates, double finals, late receipts, feedback timeouts and malformed records included),
 * and the command says so.
 */
class LocalCommandTest {
    @Test
    void lakeTotalsEqualTheInjectedTrafficAndTheCommandReportsIt(@TempDir Path dir) {
        Path lake = dir.resolve("out");
        String[] args = {"local", "--duration", "4m", "--rate", "8", "--drain", "30m", "--speed", "0", "--seed", "11",
                "--countries", "US:3,IN:2,BR:1,GB:1", "--incident", "country=IN,from=2m,delivery=0.3,conversion=0.2",
                "--output", lake.toString(), "--parallelism", "2", "--checkpoint-interval", "1s"};
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.commandLine().execute(args);
        } finally {
            System.setOut(previous);
        }
        String stdout = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(stdout).isEqualTo(0);

        // the same settings the command used, parsed the same way
        CommandLine cl = new CommandLine(new LocalCommand());
        cl.parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
        GeneratorSettings settings = ((LocalCommand) cl.getCommand()).traffic.settings();
        // local charges WhatsApp with the example rate card and an AWS fee of $0.005 per message
        GroundTruth truth = GroundTruth.of(settings, WhatsAppPriceList.exampleCard(0.005));

        Map<Channel, Map<String, GroundTruth.Counts>> measured =
                GroundTruth.measured(LakeSummary.latestWindows(lake, "metrics_by_country", "iso_country_code"));
        assertThat(LocalCommand.differences(truth, measured)).isEmpty();
        // the check covers WhatsApp money: both fee parts were injected and are compared to the micro-dollar
        GroundTruth.Counts whatsapp = truth.total(Channel.WHATSAPP);
        assertThat(whatsapp.get(SumColumn.WHATSAPP_META_FEE_MICROS)).isPositive();
        assertThat(whatsapp.get(SumColumn.WHATSAPP_AWS_FEE_MICROS))
                .isEqualTo(5_000 * (whatsapp.get(SumColumn.MESSAGES) + whatsapp.get(SumColumn.INBOUND)));
        assertThat(LocalCommand.differences(GroundTruth.of(settings), measured)).isNotEmpty()
                .allMatch(d -> d.startsWith("WHATSAPP/"));
        assertThat(truth.byCountry(Channel.SMS).keySet()).containsExactlyInAnyOrder("US", "IN", "BR", "GB");
        // the incident is visible: IN delivers far worse than US
        assertThat(truth.byCountry(Channel.SMS).get("IN").deliveryRate()).isLessThan(truth.byCountry(Channel.SMS).get("US").deliveryRate() - 0.2);
        assertThat(LakeVsTruth.malformedDeadLetters(lake)).isEqualTo(truth.malformed);

        assertThat(LocalCommand.differences(truth::byCountryTypeUseCase, GroundTruth.measured(
                LakeSummary.latestWindows(lake, "metrics_by_country", "iso_country_code"),
                w -> GroundTruth.key(w.key, w.messageType, w.useCase)))).isEmpty();
        assertThat(LocalCommand.differences(truth::byCarrier, GroundTruth.measured(
                LakeSummary.latestWindows(lake, "metrics_by_carrier", "iso_country_code"),
                w -> GroundTruth.key(w.key, w.mcc, w.mnc, w.carrierName)))).isEmpty();
        assertThat(truth.byCarrier(Channel.SMS)).containsKey("GB/234/30/EE");
        assertThat(stdout).contains("every channel/country row equals what the generator injected")
                .contains(String.format(java.util.Locale.ROOT, "WhatsApp fees: injected $%,.6f, measured $%,.6f",
                        whatsapp.get(SumColumn.WHATSAPP_FEE_MICROS) / 1e6, whatsapp.get(SumColumn.WHATSAPP_FEE_MICROS) / 1e6))
                .containsPattern("check: all \\d+ channel/country/message type/use case rows equal what the generator injected")
                .containsPattern("check: all \\d+ channel/country/mcc/mnc/carrier rows equal what the generator injected")
                .contains("generator injected | job measured").contains("Parquet: " + lake.toAbsolutePath());

        // the injected incident (IN delivers 30% from minute 2) raised alerts: printed while it ran, listed at the end
        // from the lake's alerts table; nothing about the countries without an incident
        java.util.List<String> alerts = LakeSummary.alerts(lake);
        java.time.Instant incidentStart = java.time.Instant.ofEpochMilli(settings.incidents.get(0).start(settings));
        assertThat(stdout).contains("  alert: CRITICAL DELIVERY_DROP TRIGGERED: SMS IN carrier ")
                .contains("alerts: " + alerts.size() + " in " + lake.toAbsolutePath().resolve("alerts"));
        assertThat(alerts).allSatisfy(line -> assertThat(stdout).contains(line))
                .anySatisfy(line -> assertThat(line).startsWith("CRITICAL DELIVERY_DROP   TRIGGERED SMS IN carrier "))
                .noneMatch(line -> line.matches(".* (US|BR|GB) .*"));
        String firstWindow = alerts.get(0).replaceAll(".* window (\\S+)\\.\\..*", "$1");
        assertThat(java.time.Instant.parse(firstWindow)).as("first alert's window").isAfterOrEqualTo(incidentStart)
                .isBefore(incidentStart.plus(java.time.Duration.ofMinutes(5)));
    }

    @Test
    void aBadOptionIsAUsageErrorThatSaysWhatToFix() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = Main.commandLine();
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cl.execute("local", "--set", "Processing.windowSize=-3m", "--output", "unused-dir-never-created");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Processing.windowSize");
    }
}
