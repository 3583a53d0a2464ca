package com.freshscale.protocol;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The MQTT topic tree of the scale ↔ server protocol (DESIGN.md, "Scale ↔ server protocol"). One place
 * builds and parses topic names so that the scale and the server can never disagree about them.
 */
public final class Topics {
    public static final String ROOT = "fs/v1";

    /** Store and scale ids: short, and safe in a topic level (no '/', '+', '#', no whitespace). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** The server instances share the ingest of every scale's sales (MQTT 5 shared subscription, §4.8.2). */
    public static final String SHARED_INGEST_GROUP = "ingest";
    public static final String ALL_SALES = ROOT + "/stores/+/scales/+/sales";
    public static final String SHARED_ALL_SALES = "$share/" + SHARED_INGEST_GROUP + "/" + ALL_SALES;
    public static final String ALL_STATUS = ROOT + "/stores/+/scales/+/status";

    private Topics() {}

    public enum Kind { PRICEBOOK, SALES, ACKS, STATUS, COMMANDS }

    /** A parsed topic; {@code scaleId} is null for the store-wide price book. */
    public record Address(Kind kind, String storeId, String scaleId) {}

    public static String priceBook(String storeId) {
        return ROOT + "/stores/" + id(storeId) + "/pricebook";
    }

    public static String sales(String storeId, String scaleId) {
        return scale(storeId, scaleId) + "/sales";
    }

    public static String acks(String storeId, String scaleId) {
        return scale(storeId, scaleId) + "/acks";
    }

    public static String status(String storeId, String scaleId) {
        return scale(storeId, scaleId) + "/status";
    }

    public static String commands(String storeId, String scaleId) {
        return scale(storeId, scaleId) + "/commands";
    }

    private static String scale(String storeId, String scaleId) {
        return ROOT + "/stores/" + id(storeId) + "/scales/" + id(scaleId);
    }

    /** True if {@code id} is a valid store or scale id. */
    public static boolean validId(String id) {
        // a loop, not ID's regular expression: the server checks two ids of every sale it receives
        if (id == null || id.isEmpty() || id.length() > 32) return false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
        }
        return true;
    }

    /** {@code id} if valid, else an {@link IllegalArgumentException} naming it. */
    public static String id(String id) {
        if (!validId(id)) throw new IllegalArgumentException("bad store/scale id '" + id + "' (1-32 of A-Z a-z 0-9 _ -)");
        return id;
    }

    /** Parses a concrete topic name; an {@link IllegalArgumentException} if it is not one of ours. */
    public static Address parse(String topic) {
        Objects.requireNonNull(topic, "topic");
        String[] p = topic.split("/", -1);
        // fs / v1 / stores / {store} / pricebook            (5 levels)
        // fs / v1 / stores / {store} / scales / {scale} / x (7 levels)
        if (p.length >= 5 && p[0].equals("fs") && p[1].equals("v1") && p[2].equals("stores") && validId(p[3])) {
            if (p.length == 5 && p[4].equals("pricebook")) return new Address(Kind.PRICEBOOK, p[3], null);
            if (p.length == 7 && p[4].equals("scales") && validId(p[5])) {
                Kind kind = switch (p[6]) {
                    case "sales" -> Kind.SALES;
                    case "acks" -> Kind.ACKS;
                    case "status" -> Kind.STATUS;
                    case "commands" -> Kind.COMMANDS;
                    default -> null;
                };
                if (kind != null) return new Address(kind, p[3], p[5]);
            }
        }
        throw new IllegalArgumentException("not a FreshScale topic: '" + topic + "'");
    }
}
