package com.example.eum.analytics.config;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kinesis data stream given by name or by ARN ({@code arn:<partition>:kinesis:<region>:<account>:stream/<name>}).
 * The stable Kinesis consumer takes stream names, so an ARN is reduced to its name (and its region is checked
 * against the configured one).
 */
public final class KinesisStreamRef implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern ARN =
            Pattern.compile("arn:(aws[a-zA-Z-]*):kinesis:([a-z0-9-]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})");

    /** The stream name. */
    public final String name;
    /** The region from the ARN; null when given by name. */
    public final String region;
    /** The account from the ARN; null when given by name. */
    public final String account;

    private KinesisStreamRef(String name, String region, String account) {
        this.name = name;
        this.region = region;
        this.account = account;
    }

    /** True when the text looks like an ARN (starts with {@code arn:}), valid or not. */
    public static boolean isArn(String nameOrArn) {
        return nameOrArn != null && nameOrArn.trim().startsWith("arn:");
    }

    /**
     * Parses a stream name or ARN.
     *
     * @throws IllegalArgumentException with a message that says what a valid value looks like (without "got ...")
     */
    public static KinesisStreamRef parse(String nameOrArn) {
        String text = nameOrArn == null ? "" : nameOrArn.trim();
        if (isArn(text)) {
            Matcher m = ARN.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "must be a Kinesis stream ARN like arn:aws:kinesis:us-east-1:111122223333:stream/my-stream");
            }
            return new KinesisStreamRef(m.group(4), m.group(2), m.group(3));
        }
        if (!NAME.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "must be a stream name (1-128 of a-z A-Z 0-9 _ . -) or a stream ARN");
        }
        return new KinesisStreamRef(text, null, null);
    }

    @Override
    public String toString() {
        return region == null ? name : name + " (" + region + ")";
    }
}
