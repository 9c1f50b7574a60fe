package com.example.eum.analytics.model;

/** Whether the message was sent by the business (OUTBOUND) or by the end user (INBOUND). */
public enum Direction {
    OUTBOUND,
    INBOUND
}
