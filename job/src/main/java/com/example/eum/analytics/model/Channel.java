package com.example.eum.analytics.model;

/** Messaging channel of a canonical event. */
public enum Channel {
    SMS,
    MMS,
    VOICE,
    RCS,
    WHATSAPP
}
