/**
 * Event time that one record cannot hijack: after decoding and before the watermark, the
 * {@link com.example.eum.analytics.eventtime.EventTimeGuardOperator} dead-letters timestamps that cannot be true
 * (ahead of their arrival, or never confirmed on a replay) and those behind what the previous run closed, and the
 * {@link com.example.eum.analytics.eventtime.FrontierWatermarkGenerator} follows a robust
 * {@link com.example.eum.analytics.eventtime.EventTimeFrontier} instead of the largest timestamp seen. Rules:
 * schemas/lifecycle-rules.md, "Event time".
 */
package com.example.eum.analytics.eventtime;
