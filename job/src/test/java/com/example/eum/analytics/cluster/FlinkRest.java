package com.example.eum.analytics.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Flink REST API, as a deployment pipeline or the Managed Flink service talks to a cluster: jar upload and run,
 * job state, restart count, exceptions, checkpoints, and stop-with-savepoint.
 */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRest(String base) {
        this.base = base;
    }

    /** {@code POST /jars/upload} (multipart, field {@code jarfile}); returns the jar id. */
    String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "----cluster-test-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, Files.readAllBytes(jar), tail)))
                .build();
        String filename = send(request).path("filename").asText();
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    /**
     * {@code POST /jars/:id/run} with the jar's manifest main class at {@code parallelism} (as the service passes the
     * application's; without it the REST API runs at 1, not at the cluster's parallelism.default); restores from
     * {@code savepoint} unless null.
     */
    String runJar(String jarId, int parallelism, String savepoint) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("parallelism", parallelism);
        if (savepoint != null) {
            body.put("savepointPath", savepoint);
            body.put("allowNonRestoredState", false);
        }
        return post("/jars/" + jarId + "/run", body, Duration.ofMinutes(2)).path("jobid").asText();
    }

    /** The job's state: RUNNING, FAILING, RESTARTING, FINISHED, ... */
    String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** True when the job is RUNNING and every task of every vertex is RUNNING. */
    boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            JsonNode counts = vertex.path("tasks");
            if (counts.path("RUNNING").asInt() != vertex.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The job's {@code numRestarts} metric. The REST API serves metrics from a cache the JobManager refreshes every
     * few seconds ({@code metrics.fetcher.update-interval}), so a job that has just started may not list it yet: wait
     * up to 30 s for it to appear.
     */
    long numRestarts(String jobId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            for (JsonNode m : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
                return Long.parseLong(m.path("value").asText());
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("job " + jobId + " reports no numRestarts metric after 30 s");
    }

    /** The root exceptions in the job's exception history (empty when it never failed). */
    List<String> exceptions(String jobId) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (JsonNode e : get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")) {
            out.add(e.path("exceptionName").asText() + ": " + e.path("stacktrace").asText().lines().findFirst().orElse(""));
        }
        return out;
    }

    int availableSlots() throws IOException, InterruptedException {
        return get("/overview").path("slots-available").asInt();
    }

    /**
     * {@code POST /jobs/:id/stop} (stop-with-savepoint, canonical format) and waits for the savepoint and the job's
     * end; {@code drain}
     * also fires every event-time timer and window first (end of input). Returns the savepoint's location.
     */
    String stopWithSavepoint(String jobId, Path dir, boolean drain, Duration timeout) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", dir.toUri().toString());
        body.put("drain", drain);
        body.put("formatType", "CANONICAL");
        String trigger = post("/jobs/" + jobId + "/stop", body, Duration.ofSeconds(30)).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode op = status.path("operation");
                if (op.has("failure-cause")) {
                    throw new IllegalStateException("stop-with-savepoint failed: " + op.path("failure-cause"));
                }
                awaitTerminal(jobId, deadline);
                return op.path("location").asText();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("stop-with-savepoint of " + jobId + " not done within " + timeout);
    }

    private void awaitTerminal(String jobId, long deadline) throws IOException, InterruptedException {
        while (!List.of("FINISHED", "CANCELED", "FAILED").contains(jobState(jobId))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " still " + jobState(jobId) + " after its savepoint");
            }
            Thread.sleep(100);
        }
    }

    /** Cancels every job still running ({@code PATCH /jobs/:id}): clean-up after a failed test on a shared cluster. */
    void cancelRunningJobs() throws IOException, InterruptedException {
        for (JsonNode job : get("/jobs").path("jobs")) {
            if (!List.of("FINISHED", "CANCELED", "FAILED").contains(job.path("status").asText())) {
                http.send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + job.path("id").asText()))
                        .timeout(Duration.ofSeconds(30)).method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
        }
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private JsonNode post(String path, JsonNode body, Duration timeout) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri() + " -> HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
