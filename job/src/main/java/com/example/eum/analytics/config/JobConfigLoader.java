package com.example.eum.analytics.config;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the {@link JobConfig} from layers, later layers winning: property groups (what
 * {@code KinesisAnalyticsRuntime.getApplicationProperties()} returns on Amazon Managed Service for Apache Flink),
 * a local JSON file of the same groups ({@code [{"PropertyGroupId": "...", "PropertyMap": {...}}]}, read by the same
 * runtime library), then command-line overrides ({@code Group.key=value}, or a bare key when it is unambiguous).
 *
 * <p>Loading never stops at the first mistake: bad values and unknown keys are recorded and reported together by
 * {@link JobConfig#validate}. Usage (a CLI passing {@code --set Processing.windowSize=10m} and named flags):
 *
 * <pre>{@code
 * JobConfig config = new JobConfigLoader()
 *         .propertyGroupsFile(Paths.get("application_properties.json"))
 *         .overrides(Map.of("Lake.output", "s3://bucket/lake", "windowSize", "10m"))
 *         .load();
 * List<String> warnings = config.validate(JobConfig.Mode.KINESIS);
 * }</pre>
 */
public final class JobConfigLoader {
    private final Map<String, String> merged = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private Function<String, String> environment = System::getenv;

    public JobConfigLoader() {}

    /** The loader for Managed Flink: the application's runtime property groups. */
    public static JobConfigLoader fromManagedFlinkRuntime() throws IOException {
        return new JobConfigLoader().propertyGroups(KinesisAnalyticsRuntime.getApplicationProperties());
    }

    /** Where environment variables are read (for {@code Privacy.destinationHashKeyEnv}); tests pass a map. */
    public JobConfigLoader environment(Function<String, String> env) {
        this.environment = env;
        return this;
    }

    /** Adds property groups (group id to its properties), e.g. from the Managed Flink runtime. */
    public JobConfigLoader propertyGroups(Map<String, Properties> groups) {
        List<String> knownGroups = ConfigProperties.groups();
        for (Map.Entry<String, Properties> g : groups.entrySet()) {
            String group = g.getKey();
            if (!knownGroups.contains(group)) {
                String closest = closest(group, knownGroups);
                if (distance(group, closest) <= 2) {
                    problems.add(group + ": unknown property group; did you mean '" + closest + "'? Groups: "
                            + String.join(", ", knownGroups));
                } else {
                    warnings.add(group + ": property group not used by this job; ignored");
                }
                continue;
            }
            for (String key : new TreeSet<>(g.getValue().stringPropertyNames())) {
                put(group, key, g.getValue().getProperty(key));
            }
        }
        return this;
    }

    /**
     * Adds the property groups of a local JSON file in Managed Flink's format, read with
     * {@link KinesisAnalyticsRuntime#getApplicationProperties(String)}.
     *
     * @throws ConfigException when the file is missing or not in that format (the runtime library itself would
     *     silently return no groups for a missing file)
     */
    public JobConfigLoader propertyGroupsFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(List.of(file + ": property file not found"));
        }
        Map<String, Properties> groups;
        try {
            groups = KinesisAnalyticsRuntime.getApplicationProperties(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(List.of(file + ": not a property-groups file of the form "
                    + "[{\"PropertyGroupId\": \"Source\", \"PropertyMap\": {\"region\": \"us-east-1\"}}] ("
                    + e.getClass().getSimpleName() + ")"));
        }
        return propertyGroups(groups);
    }

    /**
     * Adds command-line overrides: {@code Group.key} (e.g. {@code Processing.windowSize}), a bare key when it names
     * one property (e.g. {@code windowSize}), or {@code Source.connector.<connector key>}.
     */
    public JobConfigLoader overrides(Map<String, String> settings) {
        for (Map.Entry<String, String> s : settings.entrySet()) {
            String name = s.getKey() == null ? "" : s.getKey().trim();
            int dot = name.indexOf('.');
            String group = dot > 0 ? name.substring(0, dot) : null;
            if (group != null && ConfigProperties.groups().contains(group)) {
                put(group, name.substring(dot + 1), s.getValue());
                continue;
            }
            if (name.startsWith(ConfigProperties.CONNECTOR_PREFIX)) {
                put(ConfigProperties.SOURCE, name, s.getValue());
                continue;
            }
            Optional<ConfigProperty> byKey = ConfigProperties.findByKey(name);
            if (byKey.isPresent()) {
                put(byKey.get().group(), name, s.getValue());
            } else {
                List<String> all = ConfigProperties.all().stream().map(ConfigProperty::path).collect(Collectors.toList());
                List<String> keys = ConfigProperties.all().stream().map(ConfigProperty::key).collect(Collectors.toList());
                String closestPath = closest(name, all);
                String closestKey = closest(name, keys);
                String suggestion = distance(name, closestPath) <= distance(name, closestKey)
                        ? closestPath : ConfigProperties.findByKey(closestKey).map(ConfigProperty::path).orElse(closestPath);
                problems.add(name + ": unknown setting; did you mean '" + suggestion + "'?");
            }
        }
        return this;
    }

    /**
     * Parses one {@code --set} argument {@code Group.key=value} (the value may contain '=').
     *
     * @throws ConfigException when there is no '=' or no key
     */
    public static Map.Entry<String, String> parseSetting(String setting) {
        int eq = setting == null ? -1 : setting.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(List.of("--set " + (setting == null ? "" : setting)
                    + ": must be Group.key=value, like Processing.windowSize=10m"));
        }
        return Map.entry(setting.substring(0, eq).trim(), setting.substring(eq + 1));
    }

    /** Applies all layers to a new {@link JobConfig}; problems are kept for {@link JobConfig#validate}. */
    public JobConfig load() {
        JobConfig config = new JobConfig();
        config.loadProblems = new ArrayList<>(problems);
        config.loadWarnings = new ArrayList<>(warnings);
        for (Map.Entry<String, String> e : merged.entrySet()) {
            String path = e.getKey();
            int dot = path.indexOf('.');
            String key = path.substring(dot + 1);
            if (key.startsWith(ConfigProperties.CONNECTOR_PREFIX)) {
                config.kinesis.connectorProperties.put(key.substring(ConfigProperties.CONNECTOR_PREFIX.length()),
                        e.getValue() == null ? "" : e.getValue().trim());
                continue;
            }
            ConfigProperty p = ConfigProperties.find(path.substring(0, dot), key).orElseThrow();
            try {
                p.apply(config, e.getValue());
            } catch (IllegalArgumentException ex) {
                config.loadProblems.add(path + ": " + ex.getMessage()
                        + (p.secret() ? "" : "; got '" + e.getValue() + "'"));
            }
        }
        if (config.destinationHashKey == null && !ConfigProperties.blank(config.destinationHashKeyEnv)) {
            String value = environment.apply(config.destinationHashKeyEnv);
            if (ConfigProperties.blank(value)) {
                config.loadProblems.add(ConfigProperties.PRIVACY + ".destinationHashKeyEnv: environment variable '"
                        + config.destinationHashKeyEnv + "' is not set or empty; set it to a secret of at least "
                        + JobConfigValidator.MIN_HASH_KEY_CHARS + " characters");
            } else {
                config.destinationHashKey = value;
            }
        }
        return config;
    }

    private void put(String group, String key, String value) {
        if (group.equals(ConfigProperties.SOURCE) && key.startsWith(ConfigProperties.CONNECTOR_PREFIX)) {
            if (key.length() == ConfigProperties.CONNECTOR_PREFIX.length()) {
                problems.add(group + "." + key + ": must name a connector property, like "
                        + group + "." + ConfigProperties.CONNECTOR_PREFIX + "flink.shard.getrecords.intervalmillis");
            } else {
                merged.put(group + "." + key, value);
            }
            return;
        }
        if (ConfigProperties.find(group, key).isPresent()) {
            merged.put(group + "." + key, value);
            return;
        }
        List<String> known = ConfigProperties.all().stream().filter(p -> p.group().equals(group))
                .map(ConfigProperty::key).collect(Collectors.toList());
        problems.add(group + "." + key + ": unknown property; did you mean '" + group + "." + closest(key, known) + "'?");
    }

    private static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Case-insensitive Levenshtein distance. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] prev = new int[y.length() + 1];
        int[] cur = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length()];
    }
}
