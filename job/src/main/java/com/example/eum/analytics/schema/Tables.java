package com.example.eum.analytics.schema;

import com.example.eum.analytics.alert.Alert;
import com.example.eum.analytics.alert.AlertJson;
import com.example.eum.analytics.alert.Verdict;
import com.example.eum.analytics.model.CanonicalEvent;
import com.example.eum.analytics.model.DeadLetter;
import com.example.eum.analytics.model.DeadLetterReason;
import com.example.eum.analytics.model.SumColumn;
import com.example.eum.analytics.model.WindowMetrics;

import java.util.List;

import static com.example.eum.analytics.schema.ColumnType.BIGINT;
import static com.example.eum.analytics.schema.ColumnType.BOOLEAN;
import static com.example.eum.analytics.schema.ColumnType.DOUBLE;
import static com.example.eum.analytics.schema.ColumnType.INT;
import static com.example.eum.analytics.schema.ColumnType.MAP_INT_BIGINT;
import static com.example.eum.analytics.schema.ColumnType.MAP_STRING_STRING;
import static com.example.eum.analytics.schema.ColumnType.STRING;
import static com.example.eum.analytics.schema.ColumnType.TIMESTAMP;
import static com.example.eum.analytics.schema.ColumnType.USD;

/** Every table of the lake. Column order here is the column order in Parquet and in the DDL. */
public final class Tables {
    private Tables() {}

    public static final TableSchema<CanonicalEvent> EVENTS = TableSchema.<CanonicalEvent>builder("events",
                    "One row per status change of a message, across channels (the canonical event).")
            .required("event_id", STRING, "Deterministic id (hash of the source event's identity); equal for redeliveries of the same event through any envelope.", e -> e.eventId)
            .optional("channel", STRING, "SMS, MMS, VOICE, RCS or WHATSAPP. Null on feedback records (they carry only the message id).", e -> e.channel)
            .required("direction", STRING, "OUTBOUND (sent by the business) or INBOUND (sent by the end user).", e -> e.direction)
            .required("event_type", STRING, "Raw event type or status as received: TEXT_DELIVERED, VOICE_COMPLETED, delivered, inbound_text, FEEDBACK_RECEIVED.", e -> e.eventType)
            .required("status", STRING, "Canonical status: QUEUED, PENDING, SENT, DELIVERED, READ, FAILED, DELETED, WARNING, RECEIVED (inbound), FEEDBACK.", e -> e.status)
            .optional("failure_class", STRING, "When status is FAILED: BLOCKED, PROTECT_BLOCKED, INVALID, UNREACHABLE, EXPIRED, POLICY, UNKNOWN.", e -> e.failureClass)
            .required("is_final", BOOLEAN, "True if this event is the final word on the message (SMS/MMS/voice: the event's isFinal).", e -> e.isFinal)
            .required("message_id", STRING, "SMS/MMS/voice messageId; WhatsApp wamid. Join key for all events of a message and for feedback.", e -> e.messageId)
            .optional("origination_id", STRING, "Sender: originationPhoneNumber as sent (may be an alphanumeric sender id); WhatsApp '+' and the business display number.", e -> e.originationId)
            .optional("destination_hash", STRING, "HMAC-SHA256 (hex) of the E.164 end-user number (recipient for outbound, sender for inbound), keyed by the configured secret.", e -> e.destinationHash)
            .optional("destination_number", STRING, "Raw E.164 end-user number. Always null unless raw numbers were explicitly enabled (--include-raw-numbers).", e -> e.destinationNumber)
            .optional("iso_country_code", STRING, "End user's country, ISO 3166-1 alpha-2: the event's isoCountryCode, else derived from the number.", e -> e.isoCountryCode)
            .optional("country_source", STRING, "EVENT (isoCountryCode field), PHONE_NUMBER (valid number), CALLING_CODE (main region of the calling code of a number that is not valid).", e -> e.countrySource)
            .optional("carrier_name", STRING, "Recipient carrier (carrierName).", e -> e.carrierName)
            .optional("mcc", STRING, "Mobile country code, string with leading zeros kept.", e -> e.mcc)
            .optional("mnc", STRING, "Mobile network code, string with leading zeros kept.", e -> e.mnc)
            .optional("message_type", STRING, "SMS/MMS/voice messageType (TRANSACTIONAL, PROMOTIONAL); WhatsApp inbound message type (text, image, ...).", e -> e.messageType)
            .optional("message_encoding", STRING, "GSM or Unicode (SMS).", e -> e.messageEncoding)
            .required("event_time", TIMESTAMP, "When the status change happened (eventTimestamp; WhatsApp status/message timestamp; feedback timestamp), UTC.", e -> e.eventTime)
            .optional("request_time", TIMESTAMP, "When the send request was received (messageRequestTimestamp), UTC.", e -> e.requestTime)
            .optional("price_usd", USD, "totalMessagePrice of this event, USD. Repeated on several events of one message: count it once per message (the metrics tables do).", e -> e.priceMicros)
            .optional("carrier_fee_usd", USD, "totalCarrierFee of this event, USD. Same caveat as price_usd.", e -> e.carrierFeeMicros)
            .optional("message_parts", INT, "totalMessageParts (SMS is billed per part).", e -> e.messageParts)
            .optional("pricing_model", STRING, "WhatsApp pricing.pricing_model: CBP or PMP.", e -> e.pricingModel)
            .optional("pricing_category", STRING, "WhatsApp pricing.category: marketing, utility, authentication, authentication_international, service.", e -> e.pricingCategory)
            .optional("pricing_type", STRING, "WhatsApp pricing.type (PMP): regular, free_customer_service, free_entry_point.", e -> e.pricingType)
            .optional("billable", BOOLEAN, "WhatsApp pricing.billable.", e -> e.billable)
            .optional("conversation_id", STRING, "WhatsApp conversation.id.", e -> e.conversationId)
            .optional("conversation_origin", STRING, "WhatsApp conversation.origin.type.", e -> e.conversationOrigin)
            .optional("error_code", INT, "WhatsApp errors[0].code.", e -> e.errorCode)
            .optional("error_title", STRING, "WhatsApp errors[0].title.", e -> e.errorTitle)
            .optional("feedback_status", STRING, "Message feedback: RECEIVED or FAILED.", e -> e.feedbackStatus)
            .optional("protect_configuration_id", STRING, "protectConfiguration.protectConfigurationId.", e -> e.protectConfigurationId)
            .optional("protect_status", STRING, "protectConfiguration.protectStatus: ALLOW, BLOCK, MONITOR, FILTER.", e -> e.protectStatus)
            .optional("protect_recommendation", STRING, "protectConfiguration.protectRecommendation (e.g. BLOCK under MONITOR).", e -> e.protectRecommendation)
            .optional("context", MAP_STRING_STRING, "The send request's Context map, as sent (at most 5 entries).", e -> e.context)
            .optional("account_id", STRING, "AWS account id when the envelope carries it (EventBridge, CloudWatch Logs, WhatsApp).", e -> e.accountId)
            .optional("waba_id", STRING, "WhatsApp Business Account id (Meta).", e -> e.wabaId)
            .optional("phone_number_id", STRING, "WhatsApp business phone number id (Meta).", e -> e.phoneNumberId)
            .required("source_envelope", STRING, "Envelope chain, outermost first: RAW, SNS>RAW, EVENTBRIDGE>RAW, CLOUDWATCH_LOGS>RAW, SOCIAL, SNS>SOCIAL, FEEDBACK.", e -> e.sourceEnvelope)
            .optional("source", STRING, "Kinesis stream or replay file the record came from.", e -> e.source)
            .required("ingest_time", TIMESTAMP, "When the job read the record, UTC.", e -> e.ingestTime)
            .partitionedBy("event_time", e -> e.eventTime)
            .build();

    public static final TableSchema<DeadLetter> DEAD_LETTERS = TableSchema.<DeadLetter>builder("dead_letters",
                    "Records the job could not use, one row each, with the reason. Nothing is dropped silently.")
            .required("reason", STRING, "Machine-readable reason: " + DeadLetterReason.codes() + ".", d -> d.reason)
            .optional("detail", STRING, "Human-readable detail (field name, parser message). Never contains the payload.", d -> d.detail)
            .optional("source", STRING, "Kinesis stream or replay file the record came from.", d -> d.source)
            .required("ingest_time", TIMESTAMP, "When the job read the record, UTC. For a metrics delta later than the allowed lateness (source metrics_by_*): the delta's attribution time, so a replay reproduces the dead letter.", d -> d.ingestTime)
            .optional("payload", STRING, "The raw payload, truncated to 16 KiB; base64 when payload_base64.", d -> d.payload)
            .required("payload_base64", BOOLEAN, "True when payload is base64 (binary or not UTF-8).", d -> d.payloadBase64)
            .required("payload_bytes", INT, "Size of the original payload in bytes.", d -> d.payloadBytes)
            .required("payload_truncated", BOOLEAN, "True when payload was cut to the limit.", d -> d.payloadTruncated)
            .partitionedBy("ingest_time", d -> d.ingestTime)
            .build();

    private static final String COUNTRY_DOC = "End user's country (ISO 3166-1 alpha-2); 'ZZ' when unknown.";

    public static final TableSchema<WindowMetrics> METRICS_BY_COUNTRY = metrics("metrics_by_country", "iso_country_code",
            COUNTRY_DOC, Tables::messageTypeAndUseCase);

    public static final TableSchema<WindowMetrics> METRICS_BY_ORIGINATION = metrics("metrics_by_origination", "origination_id",
            "Sending phone number or sender id; 'unknown' when the events carry none.", Tables::messageTypeAndUseCase);

    public static final TableSchema<WindowMetrics> METRICS_BY_CARRIER = metrics("metrics_by_carrier", "iso_country_code",
            COUNTRY_DOC, b -> b
                    .required("mcc", STRING, "Mobile country code of the recipient's network (leading zeros kept); '' when the message's events carry none (WhatsApp, voice).", m -> m.mcc)
                    .required("mnc", STRING, "Mobile network code of the recipient's network (leading zeros kept); '' when the events carry none.", m -> m.mnc)
                    .required("carrier_name", STRING, "carrierName of the network on the window's latest-attributed delta that named it; '' when none. Not a key column: one network is one row however its name is spelt.", m -> m.carrierName));

    public static final TableSchema<Alert> ALERTS = TableSchema.<Alert>builder("alerts",
                    "One row per alert message (TRIGGERED, UPDATED, RESOLVED) of the rules over the metrics tables (schemas/alerts.md). Rows are facts, not revisions: an incident is the rows of one incident_id.")
            .required("alert_id", STRING, "This message: a name-based UUID of incident, status and detection time (a replay gives the same ids).", a -> a.alertId)
            .required("incident_id", STRING, "The incident: dedup_key@start of the window that triggered it.", a -> a.incidentId)
            .required("dedup_key", STRING, "Rule and key, stable across incidents, e.g. DELIVERY_DROP:CARRIER/SMS/IN/-/404-45/-/-.", a -> a.dedupKey)
            .required("rule", STRING, "CONVERSION_DROP, DELIVERY_DROP, SMS_PUMPING or SPEND_SURGE.", a -> a.rule.name())
            .required("status", STRING, "TRIGGERED (once per incident), UPDATED (at most hourly, or at once on escalation), RESOLVED.", a -> a.status.name())
            .required("severity", STRING, "CRITICAL (pages), WARNING or INFO: the incident's severity so far.", a -> a.severity.name())
            .required("scope", STRING, "What the key stands for: COUNTRY (channel x country x use case), CARRIER, ORIGINATION, ACCOUNT.", a -> a.key.scope().name())
            .optional("channel", STRING, "SMS, MMS, VOICE, RCS or WHATSAPP; null for the account.", a -> orNull(a.key.channel()))
            .optional("iso_country_code", STRING, "The key's country ('ZZ' unknown); null when not part of the key (origination, account).", a -> orNull(a.key.country()))
            .optional("carrier", STRING, "The key's network as mcc-mnc (CARRIER keys), else null.", a -> orNull(a.key.carrier()))
            .optional("origination_id", STRING, "The key's sending number or sender id (ORIGINATION keys), else null.", a -> orNull(a.key.originationId()))
            .optional("use_case", STRING, "The key's use case (COUNTRY keys; null when the messages carry none).", a -> orNull(a.key.useCase()))
            .required("window_start", TIMESTAMP, "Start of the window that produced this message, UTC.", a -> a.windowStart)
            .required("window_end", TIMESTAMP, "End (exclusive) of that window, UTC.", a -> a.windowEnd)
            .required("estimated_start", TIMESTAMP, "When the evidence began (the CUSUM run's first window, the first window with a pumping signal), UTC.", a -> a.estimatedStart)
            .required("detected_at", TIMESTAMP, "Event time of detection: the end of the window that produced this message, UTC.", a -> a.detectedAt)
            .optional("observed_rate", DOUBLE, "Rate rules: the observed rate over the evidence (conversion, or failed share of decided outcomes); null for SPEND_SURGE and pumping.", a -> rate(a, a.verdict.observed))
            .optional("baseline_rate", DOUBLE, "Rate rules: the key's baseline of that rate.", a -> rate(a, a.verdict.baseline))
            .optional("observed_usd", DOUBLE, "SPEND_SURGE: the window's spend, USD.", a -> usd(a, a.verdict.observed))
            .optional("baseline_usd", DOUBLE, "SPEND_SURGE: the spend expected for the window, USD.", a -> usd(a, a.verdict.baseline))
            .required("messages", BIGINT, "Trials behind the observed value: outcomes of the CUSUM run, or messages of the window.", a -> a.verdict.n)
            .required("affected_messages", BIGINT, "Lost conversions, excess failures or excess messages over the incident so far.", a -> a.affectedMessages)
            .optional("excess_cost_usd", USD, "Money beyond baseline over the incident so far, USD; null for rules without a cost notion (CONVERSION_DROP).", a -> a.excessCostMicros)
            .required("example_message_ids", STRING, "Up to 50 message ids (comma-separated) of failed, unconverted or Protect-flagged messages of the incident's firing windows, for AWS Support; never phone numbers. '' when none.", a -> String.join(",", a.exampleMessageIds))
            .required("summary", STRING, "One line for people: severity, rule, status, key, figures, since when.", AlertJson::summary)
            .required("payload", STRING, "The alert as JSON, as published to SNS (fields in schemas/alerts.md).", AlertJson::render)
            .partitionedBy("detected_at", a -> a.detectedAt)
            .build();

    /** All tables, in the order the docs list them. */
    public static List<TableSchema<?>> all() {
        return List.of(EVENTS, DEAD_LETTERS, METRICS_BY_COUNTRY, METRICS_BY_ORIGINATION, METRICS_BY_CARRIER, ALERTS);
    }

    private static String orNull(String dimension) {
        return dimension.isEmpty() ? null : dimension;
    }

    private static Double rate(Alert a, Double v) {
        return a.verdict.unit == Verdict.Unit.RATE && v != null && !v.isNaN() ? v : null;
    }

    private static Double usd(Alert a, Double v) {
        return a.verdict.unit == Verdict.Unit.USD && v != null && !v.isNaN() ? v : null;
    }

    /** The metrics tables, each keyed by window, channel, its key column and dimensions. */
    public static List<TableSchema<WindowMetrics>> metricsTables() {
        return List.of(METRICS_BY_COUNTRY, METRICS_BY_ORIGINATION, METRICS_BY_CARRIER);
    }

    /** Key columns message_type and use_case (metrics_by_country and metrics_by_origination). */
    private static void messageTypeAndUseCase(TableSchema.Builder<WindowMetrics> b) {
        b.required("message_type", STRING, "SMS/MMS/voice messageType (TRANSACTIONAL, PROMOTIONAL); outbound WhatsApp: pricing category (marketing, utility, authentication); '' otherwise. Null in rows written before the column existed (_latest views: '').", m -> m.messageType)
                .required("use_case", STRING, "Context entry named by Processing.useCaseContextKey (default useCase); '' when absent; 'other' beyond Processing.maxUseCasesPerWindow distinct values per window. Null in rows written before the column (_latest views: '').", m -> m.useCase);
    }

    /** The summed columns, one per {@link SumColumn}, in its order: counts as BIGINT, money as USD. */
    private static void sumColumns(TableSchema.Builder<WindowMetrics> b) {
        for (SumColumn c : SumColumn.values()) {
            b.required(c.columnName(), c.isMoney() ? USD : BIGINT, c.doc(), m -> m.get(c));
        }
    }

    private static TableSchema<WindowMetrics> metrics(String table, String keyColumn, String keyDoc,
                                                      java.util.function.Consumer<TableSchema.Builder<WindowMetrics>> dimensions) {
        return TableSchema.<WindowMetrics>builder(table,
                        "Event-time tumbling-window metrics per channel, " + keyColumn + " and the key columns after it. Late updates re-emit a window with complete values and revision+1: read the latest revision (views in schemas/athena).")
                .required("window_start", TIMESTAMP, "Window start (inclusive), UTC.", m -> m.windowStart)
                .required("window_end", TIMESTAMP, "Window end (exclusive), UTC.", m -> m.windowEnd)
                .required("channel", STRING, "SMS, MMS, VOICE, RCS or WHATSAPP.", m -> m.channel)
                .required(keyColumn, STRING, keyDoc, m -> m.key)
                .columns(dimensions)
                .required("revision", INT, "0 for the on-time firing; +1 for each re-emission caused by late data.", m -> m.revision)
                .columns(Tables::sumColumns)
                .required("spend_usd", USD, "Everything these messages cost: price_usd + carrier_fee_usd + whatsapp_fee_usd (Meta and AWS WhatsApp fees).", WindowMetrics::spendMicros)
                .optional("delivery_rate", DOUBLE, "delivered / (delivered + failed - failed_protect_blocked) in this window: over messages handed to carriers, Protect blocks excluded; null when no such outcome.", m -> m.deliveryRate)
                .optional("protect_blocked_rate", DOUBLE, "protect_blocked / messages in this window; null without messages.", m -> m.protectBlockedRate)
                .optional("protect_recommended_rate", DOUBLE, "protect_block_recommended / messages in this window; null without messages.", m -> m.protectRecommendedRate)
                .optional("read_rate", DOUBLE, "read / delivered in this window; null when nothing delivered.", m -> m.readRate)
                .optional("conversion_rate", DOUBLE, "converted / (converted + feedback_failed) in this window; null when no feedback outcome.", m -> m.conversionRate)
                .required("latency_count", BIGINT, "Number of delivery-latency samples in this window.", m -> m.latencyCount)
                .optional("latency_p50_ms", BIGINT, "Median delivery latency (first success minus request time), ms; within 1% relative error.", m -> m.latencyP50Ms)
                .required("latency_histogram", MAP_INT_BIGINT, "Latency sketch, bucket -> samples: bucket i >= 0 holds (g^(i-1), g^i] ms, g = 1.005/0.995, value 2g^i/(g+1); -1 holds 0 ms. Sum over windows, take the bucket at rank ceil(q*total): a percentile within 1%.", m -> m.latency.histogram())
                .optional("latency_p95_ms", BIGINT, "95th percentile delivery latency, ms; within 1% relative error.", m -> m.latencyP95Ms)
                .partitionedBy("window_start", m -> m.windowStart)
                .build();
    }
}
