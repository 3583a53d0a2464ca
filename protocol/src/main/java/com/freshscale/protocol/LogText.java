package com.freshscale.protocol;

/**
 * Text from outside (a login name, an MQTT user name, a topic) made fit for one log line: control characters
 * replaced, so nobody can forge a second line, and capped at {@link #MAX} characters, so a megabyte-long
 * "user name" costs a line of its usual size. The logback patterns cap every message as well.
 */
public final class LogText {
    public static final int MAX = 120;

    private LogText() {}

    public static String cap(String s) {
        if (s == null) return "null";
        int n = Math.min(s.length(), MAX);
        StringBuilder b = new StringBuilder(n + 24);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        if (s.length() > MAX) b.append("...(").append(s.length()).append(" chars)");
        return b.toString();
    }
}
