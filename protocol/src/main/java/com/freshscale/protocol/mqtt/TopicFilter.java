package com.freshscale.protocol.mqtt;

/** MQTT topic-filter matching (MQTT 5.0 §4.7), including the {@code $share/{group}/} prefix (§4.8.2). */
public final class TopicFilter {
    private TopicFilter() {}

    /** The filter without a shared-subscription prefix: what topics it matches. */
    public static String unshared(String filter) {
        if (filter.startsWith("$share/")) {
            int slash = filter.indexOf('/', "$share/".length());
            if (slash < 0) throw new IllegalArgumentException("bad shared subscription " + filter);
            return filter.substring(slash + 1);
        }
        return filter;
    }

    public static boolean matches(String filter, String topic) {
        String[] f = unshared(filter).split("/", -1);
        String[] t = topic.split("/", -1);
        // §4.7.2: wildcards at the first level do not match topics starting with '$'
        if (topic.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) return false;
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) return true;
            if (i >= t.length) return false;
            if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
        }
        return f.length == t.length;
    }
}
