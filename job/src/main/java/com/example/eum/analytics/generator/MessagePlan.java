package com.example.eum.analytics.generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the generator decided about one message (or one inbound WhatsApp message): its attributes, its
 * status events in event time, and the records that carry those events to the stream (with their arrival times,
 * envelopes, duplicates, late deliveries and malformed extras). A pure function of (settings, seed, index).
 */
final class MessagePlan {
    enum Kind { SMS, MMS, WHATSAPP, WHATSAPP_INBOUND }

    /** How SMS/MMS events reach the stream (DOMAIN.md §2.1); WhatsApp uses RAW (Social header) or SNS. */
    enum Envelope { RAW, SNS, EVENTBRIDGE, CLOUDWATCH_LOGS }

    enum Malformed { TRUNCATED_JSON, GARBAGE_BYTES, MISSING_MESSAGE_ID, BAD_FEEDBACK_STATUS }

    /** One status change (or feedback record, or inbound message). */
    static final class Event {
        /** SMS/MMS eventType, WhatsApp status (sent, delivered, read, failed), FEEDBACK_RECEIVED / FEEDBACK_FAILED, or INBOUND. */
        final String type;
        final long time;
        final boolean isFinal;
        /** WhatsApp: this status carries the pricing object. */
        final boolean pricing;

        Event(String type, long time, boolean isFinal, boolean pricing) {
            this.type = type;
            this.time = time;
            this.isFinal = isFinal;
            this.pricing = pricing;
        }
    }

    /** One record on the stream. */
    static final class Record {
        /** Position in {@link #records}; with the message index it identifies the record. */
        final int ordinal;
        /** Events carried (two only for a CloudWatch Logs batch holding both final receipts); empty when malformed. */
        final int[] events;
        final long arrival;
        /** A redelivery of record {@link #sourceOrdinal}: byte-identical payload. */
        final boolean duplicate;
        final int sourceOrdinal;
        /** Transport delay of hours. */
        final boolean late;
        final Malformed malformed;

        Record(int ordinal, int[] events, long arrival, boolean duplicate, int sourceOrdinal, boolean late, Malformed malformed) {
            this.ordinal = ordinal;
            this.events = events;
            this.arrival = arrival;
            this.duplicate = duplicate;
            this.sourceOrdinal = sourceOrdinal;
            this.late = late;
            this.malformed = malformed;
        }
    }

    long index;
    /** Seed of this message's own random stream; record-level details (envelope ids) derive from it. */
    long messageSeed;
    Kind kind;
    Envelope envelope;
    String messageId;
    long requestTime;
    String country;
    /** SMS/MMS sender as sent (E.164 or alphanumeric); WhatsApp business display number with "+". */
    String origination;
    /** E.164 destination (WhatsApp: the user's number; inbound: the sender). */
    String destination;
    boolean omitIsoCountryCode;
    CountryProfile.Carrier carrier;
    int parts;
    String encoding;
    String messageType;
    String useCase;
    boolean feedbackEnabled;
    long priceMicros;
    long carrierFeeMicros;
    /** Protect configuration shown on the events, or null. */
    String protectStatus;
    String protectRecommendation;
    String protectConfigurationId;
    // WhatsApp
    String category;
    /** Meta's pricing model on the pricing object: PMP (per message) or CBP (per conversation). */
    String pricingModel = "PMP";
    /** CBP: the conversation id on the statuses that carry pricing; null under PMP. */
    String conversationId;
    String pricingType;
    boolean billable;
    int errorCode;
    String phoneNumberId;
    String inboundText;
    String contactName;

    final List<Event> events = new ArrayList<>();
    final List<Record> records = new ArrayList<>();

    int addEvent(String type, long time, boolean isFinal, boolean pricing) {
        events.add(new Event(type, time, isFinal, pricing));
        return events.size() - 1;
    }

    Record addRecord(int[] events, long arrival, boolean late, Malformed malformed) {
        Record r = new Record(records.size(), events, arrival, false, records.size(), late, malformed);
        records.add(r);
        return r;
    }

    void addDuplicate(Record of, long arrival) {
        records.add(new Record(records.size(), of.events, arrival, true, of.ordinal, of.late, null));
    }
}
